"""How a pair is named on a ballot, shared by the Contestant model and the patrol's registry files (which
are read without a database, so this module imports nothing from Django)."""


def pair_label(ballot_number: int | None, candidate: str, running_mate: str) -> str:
    """ "2. Candidate – Running mate"; without the number for the single pair facing the kolom kosong,
    whose ballot has no numbers (UU 10/2016 Pasal 54C ayat (2))."""
    pair = " – ".join(n for n in (candidate, running_mate) if n)
    return f"{ballot_number}. {pair}" if ballot_number is not None else pair
