"""Builds labelled.jsonl, the screening engine's labelled set (run it to regenerate; it is deterministic).

    .venv/bin/python -m netra.patrol.screening.data.make_labelled

How the set was written, honestly: by one engineer, from templates with slots and random variation,
plus a few dozen hand-written posts. Each template carries its label (support / against / neutral) and,
for support and against, the contestant it is about; slots take names, nicknames, ballot-number phrasings,
hashtags and gestures from the real registries in registries/ (Pilpres 2024; Pilkada 2024 DKI Jakarta,
Jawa Tengah, Jawa Timur; Pilkada 2020 Kota Medan and Kota Balikpapan with its kolom kosong), and a
variation step writes them the way posts do (lower case, "yg", "gak", "bgt", stretched letters, emoji,
a leetspeak name now and then).

The split is by *template*: about 30% of the templates of every category (and of the hand-written posts)
are held aside as `test`, so a test post never shares its wording with a training post, only its
vocabulary. The engine's weights were tuned and the classifier trained on `train` only. The `test`
split was looked at once during development and four general fixes followed (docs/patrol.md says
which), so a second held-aside split, `fresh` (FRESH, FRESH_HAND: new templates and posts written after
the engine was finished), was committed and then measured once. After fixes for what `fresh` showed, a third split, `fresh2`
(FRESH2, FRESH2_HAND), was written and committed before the fixed engine was measured on it; and
after fixes for what `fresh2` showed, the same again with `fresh3` (FRESH3, FRESH3_HAND).

Limits: these are not real posts. Real posts are longer, noisier, mix topics, quote others, and use
irony the templates do not imagine; labels are one person's reading. Figures on this set measure the
engine against one author's idea of the task, and are optimistic for real traffic.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "labelled.jsonl"

# Per registry file: the words a post uses for the race and for each ballot number.
META: dict[str, dict] = {
    "pemilu-2024-presiden": {
        "region": ["Indonesia", "negeri ini", "NKRI"],
        "city": ["Jakarta", "Surabaya", "Makassar", "Medan", "Bandung", "Balikpapan"],
        "office": "capres",
        "office_long": "presiden dan wakil presiden",
        "mine": "presidenku",
        "date": "14 Februari",
        "c": {
            1: {
                "short": ["Anies", "Abah Anies", "pak Anies", "Cak Imin"],
                "pair": ["Anies-Muhaimin", "AMIN", "Anies–Cak Imin"],
                "tag": ["#AMINajaDulu", "#AniesMuhaimin2024", "#AniesPresiden"],
                "topic": ["perubahan", "keadilan", "Wakanda no more"],
                "handle": "@aniesbaswedan",
            },
            2: {
                "short": ["Prabowo", "pak Prabowo", "Gibran", "mas Gibran", "Pak Bowo"],
                "pair": ["Prabowo-Gibran", "Prabowo Gibran", "Prabowo–Gibran"],
                "tag": ["#PrabowoGibran2024", "#PrabowoGibranSatuPutaran", "#02MelanjutkanKebaikan"],
                "topic": ["makan siang gratis", "hilirisasi", "susu gratis"],
                "handle": "@prabowo",
            },
            3: {
                "short": ["Ganjar", "pak Ganjar", "Mahfud", "Prof Mahfud"],
                "pair": ["Ganjar-Mahfud", "Ganjar Mahfud", "GAMA"],
                "tag": ["#GanjarMahfud2024", "#GanjarPresiden", "#SatSetTasTes"],
                "topic": ["internet gratis", "KTP sakti", "sat set"],
                "handle": "@ganjarpranowo",
            },
        },
    },
    "pilkada-2024-jakarta": {
        "region": ["Jakarta", "DKI", "warga Jakarta"],
        "city": ["Jakarta Timur", "Tanjung Priok", "Kebayoran", "Cengkareng"],
        "office": "cagub",
        "office_long": "gubernur dan wakil gubernur",
        "mine": "gubernurku",
        "date": "27 November",
        "c": {
            1: {
                "short": ["Ridwan Kamil", "RK", "Kang Emil", "Suswono"],
                "pair": ["RK-Suswono", "RIDO", "Ridwan Kamil-Suswono"],
                "tag": ["#RIDO", "#RidoJakarta"],
                "topic": ["Jakarta baru", "banjir", "transportasi"],
                "handle": "@ridwankamil",
            },
            2: {
                "short": ["Dharma Pongrekun", "Pongrekun", "Kun Wardana"],
                "pair": ["Dharma-Kun", "Dharma Pongrekun-Kun Wardana"],
                "tag": ["#DharmaKun"],
                "topic": ["jalur independen", "kesehatan"],
                "handle": "@dharmapongrekun",
            },
            3: {
                "short": ["Pramono", "Mas Pram", "Bang Doel", "Rano Karno"],
                "pair": ["Pramono-Rano", "Pram-Doel", "Pramono Anung-Rano Karno"],
                "tag": ["#PramonoRano", "#PramDoel"],
                "topic": ["sekolah gratis", "Jakarta menyala"],
                "handle": "@pramonoanungw",
            },
        },
    },
    "pilkada-2024-jateng": {
        "region": ["Jateng", "Jawa Tengah", "wong Jateng"],
        "city": ["Semarang", "Solo", "Tegal", "Purwokerto"],
        "office": "cagub",
        "office_long": "gubernur dan wakil gubernur",
        "mine": "gubernurku",
        "date": "27 November",
        "c": {
            1: {
                "short": ["Andika Perkasa", "Pak Andika", "Hendi", "Mas Hendi"],
                "pair": ["Andika-Hendi", "Andika Perkasa-Hendrar Prihadi"],
                "tag": ["#AndikaHendi"],
                "topic": ["petani", "infrastruktur desa"],
                "handle": "@andikaperkasa",
            },
            2: {
                "short": ["Ahmad Luthfi", "Pak Luthfi", "Gus Yasin", "Luthfi"],
                "pair": ["Luthfi-Yasin", "Ahmad Luthfi-Taj Yasin"],
                "tag": ["#LuthfiYasin", "#NgopeniNglakoni"],
                "topic": ["ngopeni nglakoni", "keamanan"],
                "handle": "@ahmadluthfi",
            },
        },
    },
    "pilkada-2024-jatim": {
        "region": ["Jatim", "Jawa Timur", "arek Jatim"],
        "city": ["Surabaya", "Malang", "Kediri", "Jember"],
        "office": "cagub",
        "office_long": "gubernur dan wakil gubernur",
        "mine": "gubernurku",
        "date": "27 November",
        "c": {
            1: {
                "short": ["Luluk", "Bu Luluk", "Mas Lukman"],
                "pair": ["Luluk-Lukman", "Luluk Nur Hamidah-Lukmanul Khakim"],
                "tag": ["#LulukLukman"],
                "topic": ["perempuan", "petani tembakau"],
                "handle": "@luluknurhamidah",
            },
            2: {
                "short": ["Khofifah", "Bu Khofifah", "Mas Emil", "Emil Dardak"],
                "pair": ["Khofifah-Emil", "Khofifah Emil"],
                "tag": ["#KhofifahEmil", "#LanjutkanKhofifah"],
                "topic": ["bansos", "pendidikan gratis"],
                "handle": "@khofifah.ip",
            },
            3: {
                "short": ["Risma", "Bu Risma", "Gus Hans"],
                "pair": ["Risma-Gus Hans", "Risma Hans"],
                "tag": ["#RismaGusHans"],
                "topic": ["taman kota", "banjir"],
                "handle": "@trirismaharini",
            },
        },
    },
    "pilkada-2020-medan": {
        "region": ["Medan", "kota Medan", "warga Medan"],
        "city": ["Medan Johor", "Medan Baru", "Belawan"],
        "office": "cawalkot",
        "office_long": "wali kota dan wakil wali kota",
        "mine": "walikotaku",
        "date": "9 Desember",
        "c": {
            1: {
                "short": ["Akhyar", "Bang Akhyar", "Akhyar Nasution"],
                "pair": ["Akhyar-Salman", "AMAN"],
                "tag": ["#AkhyarSalman"],
                "topic": ["jalan rusak", "banjir"],
                "handle": "@akhyarnasution",
            },
            2: {
                "short": ["Bobby", "Bang Bobby", "Bobby Nasution"],
                "pair": ["Bobby-Aulia", "Bobby Nasution-Aulia Rachman"],
                "tag": ["#BobbyAulia", "#MedanBerkah"],
                "topic": ["lampu pocong", "drainase"],
                "handle": "@bobbynst",
            },
        },
    },
    "pilkada-2020-balikpapan": {
        "region": ["Balikpapan", "kota Balikpapan", "Bpn"],
        "city": ["Balikpapan Utara", "Klandasan", "Sepinggan"],
        "office": "cawalkot",
        "office_long": "wali kota dan wakil wali kota",
        "mine": "walikotaku",
        "date": "9 Desember",
        "c": {
            1: {
                "short": ["Rahmad Mas'ud", "Pak Rahmad", "RM"],
                "pair": ["Rahmad-Thohari", "Rahmad Mas'ud-Thohari Aziz"],
                "tag": ["#RahmadThohari", "#RMThohari"],
                "topic": ["Balikpapan maju", "air bersih"],
                "handle": "@rahmadmasud",
            },
        },
        "empty": {"short": ["kotak kosong", "kolom kosong"], "pair": ["kotak kosong"], "tag": []},
    },
}
KEYS = {
    "pemilu-2024-presiden": "pemilu-2024/-",
    "pilkada-2024-jakarta": "pilkada-2024/31",
    "pilkada-2024-jateng": "pilkada-2024/33",
    "pilkada-2024-jatim": "pilkada-2024/35",
    "pilkada-2020-medan": "pilkada-2020/12.71",
    "pilkada-2020-balikpapan": "pilkada-2020/64.71",
}
JARI = {1: "satu", 2: "dua", 3: "tiga"}
FINGERS = {1: "☝️", 2: "✌️", 3: "🤟"}
POS_EMO = ["🔥", "💪", "❤️", "🇮🇩", "👍", "🙏", "😍", "💯", ""]
CRIT = [
    "cuma omdo",
    "janji palsu semua",
    "pencitraan doang",
    "politik dinasti",
    "gak becus kerja",
    "tukang bohong",
    "bikin kecewa",
    "korupsi dimana2",
]
COBLOS = ["coblos", "cblos", "pilih", "nyoblos", "plh"]
PRAISE = ["keren", "mantap", "hebat", "idolaku", "the best", "amanah", "tegas", "merakyat"]

# (id, template). Slots: {name} {name2} {short} {pair} {pair2} {num} {nn} {n} {tag} {jari} {fingers}
# {region} {city} {office} {office_long} {mine} {date} {topic} {crit} {coblos} {praise} {emo} {p} {p2} {handle}
SUPPORT = [
    ("s01", "ayo {coblos} {num} {emo}"),
    ("s02", "{short} {praise} bgt, pokoknya {coblos} {num}!"),
    ("s03", "bismillah {pair} menang satu putaran {emo}"),
    ("s04", "{tag} {emo}{emo}"),
    ("s05", "salam {jari} jari {fingers} {region} yg lebih baik"),
    ("s06", "tgl {date} jgn lupa {coblos} {num} ya gaes"),
    ("s07", "udah mantep sama {short}, {office} pilihanku {emo}"),
    ("s08", "all in {pair}!!! gas pol sampai menang"),
    ("s09", "kawal {short} sampai menang, jangan kasih kendor {emo}"),
    ("s10", "{short} {mine} {emo}"),
    ("s11", "yuk dukung {pair} utk {region} yg lebih baik"),
    ("s12", "sekali lagi: {num}! {tag}"),
    ("s13", "cuma {short} yg paling layak mimpin {region}, yg lain lewat"),
    ("s14", "{short} is the best choice guys, vote {nn}!! {emo}"),
    ("s15", "gak ada pilihan lain selain {num} 💯"),
    ("s16", "lanjutkan {short}! {region} butuh sosok kayak gini"),
    ("s17", "relawan {pair} {city} siap menangkan {num} {fingers}"),
    ("s18", "sy sekeluarga sdh mantap pilih {short}, semoga amanah 🤲"),
    ("s19", "hadir di kampanye akbar {pair} td siang, luar biasa rame 🔥 {tag}"),
    ("s20", "{coblos} {num}, {coblos} {pair} {emo}{emo}"),
    ("s21", "ayo warga {region} merapat ke {nn}! {fingers}"),
    ("s22", "jagoanku {short} pasti menang {emo}"),
    ("s23", "foto bareng relawan {short} di {city}, salam {jari} jari! {fingers}"),
    ("s24", "mari bersama {pair} wujudkan {region} maju {emo}"),
    ("s25", "{short} paling peduli sama rakyat kecil, fix {nn} 💪"),
    ("s26", "udh fix bgt, {date} nanti aku {coblos} {short} 🤞"),
    ("s27", "semangat {pair}!!! kita menangkan bersama {tag}"),
    ("s28", "rakyat {region} sudah cerdas, pilihannya jelas {num} {fingers}"),
    ("s29", "follow {handle} ya guys, dukung terus sampai menang 🔥"),
    ("s30", "{short} pemimpin sejati, semoga sehat selalu & menang {emo}"),
]
AGAINST = [
    ("a01", "jangan pilih {short}, {crit}"),
    ("a02", "{short} {crit} 👎"),
    ("a03", "gak sudi nyoblos {num}, {crit}"),
    ("a04", "hebat ya {short}, katanya {topic} 🤡"),
    ("a05", "bukan {num} ya gaes, inget {crit}"),
    ("a06", "{pair} kalah telak wkwk kasian"),
    ("a07", "politik dinasti {short} harus ditolak"),
    ("a08", "ogah milih {short}, mending golput aja"),
    ("a09", "hati2 sama janji {short}, omdo semua"),
    ("a10", "{short} gagal total urus {topic}"),
    ("a11", "ya kali milih {nn} 🙄"),
    ("a12", "stop {short}! {region} gak butuh pemimpin yg {crit}"),
    ("a13", "muak liat baliho {short} di mana2, {crit}"),
    ("a14", "jgn sampe {pair} menang, bahaya buat {region}"),
    ("a15", "{short} lagi {short} lagi, {crit} 🤮"),
    ("a16", "tolak {pair}! {region} bukan milik keluarga"),
    ("a17", "katanya mau {topic}, mana buktinya {short}? wkwk"),
    ("a18", "jangan percaya {short}, {crit}"),
    ("a19", "saya tidak akan memilih {num}, {crit}"),
    ("a20", "{short} itu {crit}, sadar dong warga {region}"),
]
NEWS = [
    ("n01", "Menurut KPU, paslon nomor urut {n} {pair} memperoleh {p} persen suara di {region}."),
    ("n02", "{pair} resmi mendapat nomor urut {n} dalam pengundian di KPU, {date}."),
    ("n03", "Hasil quick count: {pair} {p}%, {pair2} {p2}%."),
    ("n04", "{short} menghadiri debat publik di {city}, Minggu malam. Debat berlangsung dua jam."),
    ("n05", "Bawaslu menerima laporan dugaan pelanggaran kampanye oleh tim {short}, ujar ketua Bawaslu."),
    ("n06", "Survei: elektabilitas {short} naik menjadi {p} persen, dengan 1.200 responden."),
    ("n07", "KPU menetapkan {pair} sebagai pasangan calon {office_long} dalam rapat pleno terbuka."),
    ("n08", "{short} menyampaikan visi misi soal {topic} dalam kampanye di {city}, dikutip dari Antara."),
    ("n09", "BREAKING: MK menolak gugatan sengketa hasil yang diajukan paslon {nn}."),
    ("n10", "Jadwal kampanye hari ini: {short} di {city}, {name2} di {city2}."),
    ("n11", "Tim pemenangan {pair} melaporkan dana kampanye ke KPU tepat waktu, kata dia."),
    ("n12", "Dilaporkan, ribuan warga memadati lokasi kampanye paslon {nn} di {city}."),
    ("n13", "{short} mengklaim programnya soal {topic} bisa terwujud, tuturnya kepada wartawan."),
    ("n14", "Rekapitulasi suara di {city}: paslon {nn} unggul tipis, selengkapnya baca di sini."),
    ("n15", "Debat cawapres malam ini membahas {topic}. {short} dan {name2} saling sindir."),
]
MENTION = [
    ("m01", "nonton debat {short} vs {name2} semalem, rame juga ya"),
    ("m02", "siapa yg menang debat td malam? {short} apa {name2}?"),
    ("m03", "td lewat baliho {short} segede gaban di perempatan {city}"),
    ("m04", "grup wa keluarga isinya debat {short} sama {name2} terus, pusing 😵"),
    ("m05", "ada yg tau jam berapa {short} datang ke {city} besok? jalan ditutup gak?"),
    ("m06", "aku masih bingung mau pilih siapa, {short} atau {name2} 🤔"),
    ("m07", "bapak saya namanya juga {first}, sering diledekin tetangga wkwk"),
    ("m08", "lagi rame bahas {pair} di tiktok, aku mah scroll aja"),
    ("m09", "tadi ada yg bagi2 stiker {short} di pasar, gak tau siapa"),
    ("m10", "temen sekantor namanya {first}, hari ini ulang tahun 🎂"),
]
CHATTER_NUM = [
    ("c01", "no {n} nasi goreng pedes ya bang {food}"),
    ("c02", "antri nomor {n} di puskesmas dari jam 7 😩"),
    ("c03", "foto jari {jari} sama temen2 kantor abis rapat"),
    ("c04", "anak saya juara {n} lomba mewarnai, bangga banget ❤️"),
    ("c05", "kamar no {n} lantai {m} ya kalau mau nginep"),
    ("c06", "pilih yg mana ya, baju no {n} atau no {m}? 🤔"),
    ("c07", "{nn} Februari ultah ibu, doakan sehat selalu 🙏"),
    ("c08", "kelas {n} SD udah belajar perkalian, pusing"),
    ("c09", "tim {n} menang lomba tarik tambang 17an! mantap 🔥"),
    ("c10", "paket nomor {n} paling laris kak, mau pesen?"),
    ("c11", "angkot nomor {nn} lewat sini gak ya?"),
    ("c12", "jari {jari} ku luka kena pisau pas masak 😭"),
]
CHATTER = [
    ("e01", "makan siang apa ya hari ini, nasi padang lagi? 😂"),
    ("e02", "hujan deres bgt di {city}, banjir lagi 😭"),
    ("e03", "rapat sampe sore, capek bgt pengen pulang"),
    ("e04", "selamat hari guru untuk semua guru hebat di Indonesia 🙏"),
    ("e05", "ayo olahraga pagi biar sehat, semangat!! 💪"),
    ("e06", "pilih kopi susu atau teh manis? vote di komen 👇"),
    ("e07", "lanjutkan perjuangan kawan2, skripsi harus kelar bulan ini 🔥"),
    ("e08", "mantap jiwa pemandangan pantai di {city} keren abis"),
    ("e09", "dukung UMKM lokal yuk, beli produk tetangga"),
    ("e10", "timnas menang 2-0!! gas terus garuda 🇮🇩🔥"),
    ("e11", "yg ini harganya berapa kak? kirim ke {city} bisa?"),
    ("e12", "jangan lupa sholat jumat ya bapak2"),
    ("e13", "otw kondangan, macet parah di tol"),
    ("e14", "menurut saya sih filmnya bagus, wajib nonton"),
    ("e15", "kucingku lucu bgt pagi2 udah minta makan 😍"),
    ("e16", "jualan seblak hari ini habis, makasih pelanggan setia ❤️"),
    ("e17", "PR matematika nomor 5 gimana caranya ya"),
    ("e18", "harga cabe naik lagi, ibu2 pada ngeluh"),
    ("e19", "gak mau pilih kasih, semua anak sama sayangnya"),
    ("e20", "besok libur gak sih? ada yg tau?"),
    ("e21", "menang lomba masak antar kantor, all in pokoknya 💯"),
    ("e22", "jangan pilih jurusan karena ikut2an temen ya dek"),
    ("e23", "semangat pagi rekan2 ASN, tetap melayani dengan hati 🙏"),
    ("e24", "alhamdulillah gajian, saatnya bayar cicilan wkwk"),
]
# Hand-written posts that do not fit a template: (registry, text, label, ballot number or None).
HAND: list[tuple[str, str, str, int | None]] = [
    ("pemilu-2024-presiden", "Oke gas oke gas!! nomor dua tancap gas 🔥🔥", "support", 2),
    ("pemilu-2024-presiden", "gemoy bgt sih bapak satu ini, joget terus sampai menang 🕺", "support", 2),
    ("pemilu-2024-presiden", "Wakanda no more, Indonesia forever! AMIN", "support", 1),
    ("pemilu-2024-presiden", "Sat set tas tes, 3 jari buat Indonesia unggul 🤟", "support", 3),
    ("pemilu-2024-presiden", "aamiin ya Allah semoga anakku cepet sembuh 🤲", "neutral", None),
    ("pemilu-2024-presiden", "Menurut saya debat semalam gak ada yg menang, semua normatif", "neutral", None),
    ("pemilu-2024-presiden", "yg 01 pinter ngomong, yg 02 gemoy, yg 03 sat set. bingung 😂", "neutral", None),
    (
        "pemilu-2024-presiden",
        "Prabowo-Gibran unggul di quick count, tapi tunggu hasil resmi KPU",
        "neutral",
        None,
    ),
    ("pemilu-2024-presiden", "sumpah males bgt sama 02, dinasti terang2an", "against", 2),
    ("pemilu-2024-presiden", "Anies cuma jago ngomong, kerjanya nol", "against", 1),
    ("pemilu-2024-presiden", "Ganjar petugas partai, gak bakal independen", "against", 3),
    ("pemilu-2024-presiden", "Coblos brengos! 02 sekali putaran 💪", "support", 2),
    (
        "pemilu-2024-presiden",
        "pak Anies tetangga saya di komplek, orangnya suka nyapu jalan pagi2",
        "neutral",
        None,
    ),
    ("pemilu-2024-presiden", "Gibran itu nama anak tetangga, lucu bgt anaknya 😆", "neutral", None),
    (
        "pemilu-2024-presiden",
        "ASN wajib netral ya, jangan like atau share konten paslon manapun",
        "neutral",
        None,
    ),
    ("pilkada-2024-jakarta", "Jakarta menyala abangku!! Pram-Doel 🔥🔥", "support", 3),
    ("pilkada-2024-jakarta", "Si Doel anak Betawi asli, gubernur kita nanti 💪", "support", 3),
    ("pilkada-2024-jakarta", "RK mending balik ke Jabar aja deh, Jakarta bukan tempatnya", "against", 1),
    ("pilkada-2024-jakarta", "nonton Si Doel Anak Sekolahan lagi di tv, nostalgia 😂", "neutral", None),
    ("pilkada-2024-jakarta", "KPU DKI umumkan tiga pasangan calon lolos verifikasi", "neutral", None),
    ("pilkada-2024-jateng", "Ngopeni nglakoni! Jateng makin maju bareng Luthfi-Yasin", "support", 2),
    ("pilkada-2024-jateng", "pak Andika mantan panglima, tegas, cocok jadi gubernur ✊", "support", 1),
    ("pilkada-2024-jateng", "tahlilan baca yasin di rumah pak RT malam ini", "neutral", None),
    ("pilkada-2024-jatim", "Bu Khofifah lanjut 2 periode, Jatim makin jos 👍", "support", 2),
    ("pilkada-2024-jatim", "Risma marah2 terus, gak cocok jadi gubernur", "against", 3),
    ("pilkada-2024-jatim", "Emil Dardak hadir di acara HUT Jatim, kata panitia", "neutral", None),
    ("pilkada-2020-medan", "Medan berkah bersama bang Bobby, nomor 2 pasti menang", "support", 2),
    ("pilkada-2020-medan", "menantu presiden maju wali kota, dinasti politik 👎 jangan Bobby", "against", 2),
    ("pilkada-2020-medan", "bang Akhyar udah terbukti, lanjutkan kerja nyata untuk Medan", "support", 1),
    ("pilkada-2020-medan", "macet di Medan Johor, ada kampanye apa ya?", "neutral", None),
    ("pilkada-2020-balikpapan", "Kotak kosong menang! tolak calon tunggal 🗳️", "support", 0),
    ("pilkada-2020-balikpapan", "Pak Rahmad lanjutkan Balikpapan maju! coblos nomor 1", "support", 1),
    ("pilkada-2020-balikpapan", "ngapain coblos kotak kosong, buang suara", "against", 0),
    ("pilkada-2020-balikpapan", "Balikpapan hujan dari pagi, sepinggan tergenang", "neutral", None),
    (
        "pilkada-2020-balikpapan",
        "RM itu singkatan rumah makan kan? RM Padang deket kantor enak",
        "neutral",
        None,
    ),
]
FOOD = ["🍛", "🍳", "🌶️", ""]

# A second held-aside set, "fresh": templates and posts written after the engine was finished and
# measured once, without any change to the engine afterwards (see the module docstring).
FRESH = {
    "support": [
        ("fs01", "ojo lali tanggal {date} nyoblos {num} yo lur 🙏"),
        ("fs02", "Alhamdulillah, barusan ikut deklarasi relawan {pair} di {city}. Semoga menang! {emo}"),
        ("fs03", "{short} the best, gas {nn}! 🔥"),
        ("fs04", "yang lain boleh beda, tapi keluarga besar kami solid ke {num} 💪"),
        ("fs05", "RT {handle}: Terima kasih {region}! Mari lanjutkan perjuangan {pair} {tag}"),
        ("fs06", "siapa lagi kalau bukan {short}? {fingers}{fingers}"),
        ("fs07", "bener2 cuma {short} yg ngerti masalah {topic}. {date} aku pilih beliau"),
        ("fs08", "pasang twibbon {pair} dulu ahh, biar semua tau dukunganku {emo}"),
        ("fs09", "{num} menang, {region} senang!! {emo}"),
        ("fs10", "Sebagai warga {region} saya mantap mendukung {pair}, semoga amanah."),
    ],
    "against": [
        ("fa01", "ojo milih {short}, wis ketok gagal urus {topic}"),
        ("fa02", "{short} itu cuma boneka, jangan mau dibodohi 🤮"),
        ("fa03", "lucu ya {short} ngomong {topic}, padahal dulu ngapain aja? 🤣🤣"),
        ("fa04", "pokoknya asal bukan {num}!"),
        ("fa05", "sudah cukup {short}, saatnya ganti pemimpin {region}"),
        ("fa06", "tim {short} main curang, bagi2 amplop di {city} 😡"),
        ("fa07", "aku gak bakal nyoblos {pair}, titik."),
    ],
    "news": [
        ("fn01", "KPU menggelar debat kedua. {pair} dan {pair2} beradu gagasan soal {topic}."),
        ("fn02", "Ketua Bawaslu menyebut ada 12 laporan terkait kampanye {short} di {city}, Senin (4/11)."),
        ("fn03", "{pair} unggul sementara di real count KPU dengan {p} persen suara masuk."),
        ("fn04", "Pengamat: strategi {short} di media sosial dinilai efektif menjangkau pemilih muda."),
        ("fn05", "FOTO: suasana kampanye terbuka paslon {nn} di lapangan {city}"),
    ],
    "mention": [
        ("fm01", "ngopi sambil dengerin podcast {short} vs {name2}, lumayan buat nambah wawasan"),
        ("fm02", "emang bener {short} mau ke {city} minggu depan? jalanan pasti macet"),
        ("fm03", "apapun pilihanmu, {short} atau {name2}, tetap jaga persaudaraan ya 🙏"),
        ("fm04", "sebagai ASN saya wajib netral, jadi no comment soal {short} ya"),
    ],
    "chatter_number": [
        ("fc01", "juara {n} lomba 17an dapet kulkas wkwk 🎉"),
        ("fc02", "ruang {n}0{n} lantai {n}, rapat jam 2 ya bapak ibu"),
        ("fc03", "udah {n} jam nunggu di bandara {city}, delay terus ✈️"),
        ("fc04", "no {n} ya kak, yg warna biru ukuran L"),
    ],
    "chatter": [
        ("fe01", "ayo dukung timnas U-23 malam ini!! garuda di dadaku 🇮🇩"),
        ("fe02", "mantap banget nasi kuning depan kantor, wajib coba 👍"),
        ("fe03", "jangan lupa bawa payung ya, hujan terus seminggu ini"),
        ("fe04", "lanjutkan! kata dosen pembimbing setelah revisi ke-5 😭"),
        ("fe05", "pilihlah jurusan sesuai passion, bukan gengsi"),
        ("fe06", "menang arisan bulan ini alhamdulillah 🤲"),
    ],
}
FRESH_HAND: list[tuple[str, str, str, int | None]] = [
    ("pemilu-2024-presiden", "Cak Imin joget gemoy? wkwk semua paslon sama aja", "neutral", None),
    (
        "pemilu-2024-presiden",
        "Yang penting 14 Feb datang ke TPS, apapun pilihannya. Jangan golput!",
        "neutral",
        None,
    ),
    ("pemilu-2024-presiden", "Pak Prabowo kemarin ke pasar Kramat Jati borong sayur", "neutral", None),
    ("pemilu-2024-presiden", "Satu putaran! Satu putaran! ✌️", "support", 2),
    ("pemilu-2024-presiden", "hidup AMIN! perubahan harga mati 🔥", "support", 1),
    ("pemilu-2024-presiden", "3 jari untuk Indonesia unggul 🤟🤟", "support", 3),
    ("pilkada-2024-jakarta", "Bang Doel, Jakarta butuh abang! 🔥", "support", 3),
    ("pilkada-2024-jakarta", "RIDO cuma jualan nama, Jakarta bukan Bandung", "against", 1),
    ("pilkada-2024-jateng", "Hendi mantan walikota Semarang, sekarang maju cagub", "neutral", None),
    ("pilkada-2024-jatim", "Bu Khofifah hadir di pengajian muslimat tadi pagi", "neutral", None),
    ("pilkada-2024-jatim", "Risma-Gus Hans menyala, arek Suroboyo siap menangkan 3!", "support", 3),
    ("pilkada-2020-medan", "Bobby menantu presiden, ya jelas menang lah, ckck", "against", 2),
    (
        "pilkada-2020-medan",
        "Akhyar Nasution dan Salman Alfarisi hadir di debat publik kedua",
        "neutral",
        None,
    ),
    ("pilkada-2020-balikpapan", "warga Balikpapan kompak coblos kotak kosong!", "support", 0),
    (
        "pilkada-2020-balikpapan",
        "Pak Rahmad resmikan jalan baru di Balikpapan Utara kemarin",
        "neutral",
        None,
    ),
]


def _vary(text: str, rng: random.Random) -> str:  # noqa: C901 (a list of independent variations)
    """Writes a post the way people type: casing, abbreviations, stretched letters, emoji."""
    if rng.random() < 0.55:
        text = text.lower()
    swaps = [
        (" yang ", " yg "),
        (" tidak ", " gak "),
        (" banget", " bgt"),
        (" sudah ", " udah "),
        (" dengan ", " dgn "),
        (" untuk ", " utk "),
        (" saja", " aja"),
        (" jangan ", " jgn "),
    ]
    for a, b in swaps:
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b)
    words = text.split(" ")
    if rng.random() < 0.3 and words:
        k = rng.randrange(len(words))
        w = words[k]
        if w.isalpha() and len(w) > 2:
            words[k] = w + w[-1] * rng.randint(1, 3)
    text = " ".join(words)
    if rng.random() < 0.2:
        text = text + rng.choice([" !!", "!!!", " 🙏", " 😁", " wk", ".."])
    if rng.random() < 0.15:
        text = text.upper()
    return " ".join(text.split())


def _leet(name: str, rng: random.Random) -> str:
    if rng.random() < 0.1:
        return name.replace("a", "4", 1).replace("i", "1", 1)
    return name


def _numphrase(n: int, rng: random.Random) -> str:
    return rng.choice(
        [f"no {n}", f"nomor {n}", f"nomor urut {n}", f"paslon 0{n}", f"0{n}", f"no.{n}", f"no urut {n}"]
    )


def _slots(reg: str, n: int | None, rng: random.Random) -> dict[str, str]:
    meta = META[reg]
    numbers = sorted(meta["c"])
    c = meta["c"][n] if n in meta["c"] else meta["empty"]
    others = [m for m in numbers if m != n] or numbers
    o = meta["c"][rng.choice(others)]
    num = n if n is not None else rng.randint(1, 3)
    short = _leet(rng.choice(c["short"]), rng)
    return {
        "short": short,
        "name2": rng.choice(o["short"]),
        "first": short.split()[-1] if n is not None else "Kosong",
        "pair": rng.choice(c["pair"]),
        "pair2": rng.choice(o["pair"]),
        "num": _numphrase(num, rng) if n is not None else rng.choice(c["short"]),
        "nn": f"0{num}",
        "n": str(num),
        "m": str(rng.randint(4, 9)),
        "tag": rng.choice(c["tag"]) if c.get("tag") else "#KotakKosong",
        "jari": JARI.get(num, "satu"),
        "fingers": FINGERS.get(num, ""),
        "region": rng.choice(meta["region"]),
        "city": rng.choice(meta["city"]),
        "city2": rng.choice(meta["city"]),
        "office": meta["office"],
        "office_long": meta["office_long"],
        "mine": meta["mine"],
        "date": meta["date"],
        "topic": rng.choice(c.get("topic") or ["perubahan"]),
        "crit": rng.choice(CRIT),
        "coblos": rng.choice(COBLOS),
        "praise": rng.choice(PRAISE),
        "emo": rng.choice(POS_EMO),
        "p": str(rng.randint(20, 60)),
        "p2": str(rng.randint(10, 40)),
        "handle": c.get("handle", "@kotakkosong"),
        "food": rng.choice(FOOD),
    }


def _key(reg: str, n: int | None) -> str:
    return f"{KEYS[reg]}/{'kosong' if n == 0 else n}"


def _is_test(index: int) -> bool:
    """About 30% of each category's templates are held aside (every one whose index ends in 2, 5, 8)."""
    return index % 10 in (2, 5, 8)


def build(seed: int = 20261204) -> list[dict]:
    rng = random.Random(seed)  # noqa: S311 (a reproducible shuffle, not a secret)
    regs = sorted(META)
    rows: list[dict] = []
    per_template = {"support": 7, "against": 7, "news": 6, "mention": 6, "chatter_number": 6, "chatter": 6}
    groups = [
        ("support", SUPPORT, "support"),
        ("against", AGAINST, "against"),
        ("news", NEWS, "neutral"),
        ("mention", MENTION, "neutral"),
        ("chatter_number", CHATTER_NUM, "neutral"),
        ("chatter", CHATTER, "neutral"),
    ]
    for category, templates, label in groups:
        for index, (tid, template) in enumerate(templates):
            seen: set[str] = set()
            for _ in range(per_template[category] * 3):
                if len(seen) >= per_template[category]:
                    break
                reg = rng.choice(regs)
                n = rng.choice(sorted(META[reg]["c"]))
                text = _vary(template.format(**_slots(reg, n, rng)), rng)
                if text in seen:
                    continue
                seen.add(text)
                about = label in ("support", "against")
                rows.append(
                    {
                        "registry": reg,
                        "text": text,
                        "label": label,
                        "contestant": _key(reg, n) if about else None,
                        "category": category,
                        "template": tid,
                        "split": "test" if _is_test(index) else "train",
                    }
                )
    for index, (reg, text, label, n) in enumerate(HAND):
        rows.append(
            {
                "registry": reg,
                "text": text,
                "label": label,
                "contestant": _key(reg, n) if n is not None else None,
                "category": "hand",
                "template": f"h{index:02d}",
                "split": "test" if _is_test(index) else "train",
            }
        )
    rows += _fresh(seed + 1)
    rows += _generated(seed + 2, FRESH2, FRESH2_HAND, "fresh2", "gh")
    rows += _generated(seed + 3, FRESH3, FRESH3_HAND, "fresh3", "ih")
    for i, row in enumerate(rows):
        row["id"] = f"L{i:04d}"
    return rows


# A third held-aside set, "fresh2": written after the fixes that followed the one look at "fresh",
# committed before the fixed engine was measured on it.
FRESH2 = {
    "support": [
        ("gs01", "Hari ini kami warga {city} berkumpul, sepakat mendukung {pair} untuk {region}. Bismillah!"),
        ("gs02", "ingat ya, {date} cuma satu yg dicoblos: {num} {fingers}"),
        ("gs03", "dari dulu sampai sekarang tetap {short}. gak bakal pindah ke lain hati ❤️"),
        ("gs04", "{pair} menang banyak di {city}! ayo kawal suaranya sampai akhir {tag}"),
        ("gs05", "kalau mau {region} lebih maju, pilihannya cuma {short} {emo}"),
        ("gs06", "Terima kasih {short} sudah datang ke kampung kami. Kami siap memenangkan {num}!"),
        ("gs07", "{nn} {nn} {nn}!!! {fingers}"),
        ("gs08", "keluarga besar sudah sepakat, {date} nyoblos {pair} 👍"),
    ],
    "against": [
        ("ga01", "Maaf ya, saya tidak bisa mendukung {short}. Rekam jejaknya {crit}."),
        ("ga02", "{pair}? no way. {crit}"),
        ("ga03", "masa iya {region} mau dipimpin orang yg {crit}? mikir dong"),
        ("ga04", "udah jelas {short} {crit}, masih aja ada yg belain 🙄"),
        ("ga05", "gw sih ogah sama {num}, {crit}"),
    ],
    "news": [
        (
            "gn01",
            "Paslon {nn} {pair} menggelar kampanye terbuka di {city} pada Sabtu (9/11), dihadiri ribuan simpatisan.",
        ),
        ("gn02", "Berdasarkan hasil rekapitulasi tingkat kecamatan, {pair} meraih {p} persen suara."),
        ("gn03", "{short} diperiksa Bawaslu terkait dugaan pelanggaran kampanye, ujar komisioner."),
        ("gn04", "Live report: debat pamungkas {pair} vs {pair2} malam ini pukul 19.00 WIB."),
    ],
    "mention": [
        ("gm01", "tadi liat {short} di tv, ternyata orangnya tinggi ya"),
        ("gm02", "netizen pada ribut soal {short} lagi, capek bacanya"),
        ("gm03", "kemarin ada yg nanya aku pilih {short} atau {name2}. rahasia dong 🤫"),
        ("gm04", "spanduk {pair} di depan rumah kena angin, miring semua"),
    ],
    "chatter_number": [
        ("gc01", "nomor antrian {n}{n} dipanggil, akhirnya 😮‍💨"),
        ("gc02", "jari {jari} keseleo abis main voli 😭"),
        ("gc03", "lagu nomor {n} di playlist ini enak bgt 🎶"),
        ("gc04", "bus jurusan {city} jalur {n} berangkat jam 8"),
    ],
    "chatter": [
        ("ge01", "lanjut kerja lagi, semangat senin! 💪"),
        ("ge02", "menangkan hadiah jutaan rupiah, ikuti giveaway kami! 🎁"),
        ("ge03", "coblos balon pake jarum, anakku ketawa ngakak 😂"),
        ("ge04", "harus pilih antara gaji besar atau dekat keluarga, bingung 😔"),
        ("ge05", "dukung terus produk lokal, beli batik asli {city}"),
    ],
}
FRESH2_HAND: list[tuple[str, str, str, int | None]] = [
    ("pemilu-2024-presiden", "Ayo ke TPS! Satu suara menentukan. #PemiluDamai", "neutral", None),
    ("pemilu-2024-presiden", "Gemoy joget lagi di kampanye, rame banget yg nonton", "neutral", None),
    ("pemilu-2024-presiden", "Abah Anies idolaku sejak jadi gubernur, 14 Feb pasti ke 01", "support", 1),
    ("pemilu-2024-presiden", "Nomor 3 aja deh, yg lain udah kebanyakan janji", "support", 3),
    ("pemilu-2024-presiden", "Prabowo presiden terpilih, dilantik 20 Oktober", "neutral", None),
    ("pilkada-2024-jakarta", "Pramono-Rano unggul di quick count Litbang Kompas", "neutral", None),
    ("pilkada-2024-jateng", "Luthfi-Yasin jangan sampai menang, Jateng butuh perubahan", "against", 2),
    ("pilkada-2024-jatim", "Mbak Luluk satu-satunya yg berani ngomong soal petani. Coblos 1!", "support", 1),
    ("pilkada-2020-medan", "Bang Bobby udah kerja nyata, lanjutkan 2 periode!", "support", 2),
    ("pilkada-2020-balikpapan", "kotak kosong itu bukan pilihan, ayo dukung Pak Rahmad", "support", 1),
    ("pilkada-2020-balikpapan", "rapat RT malam ini bahas kerja bakti, bukan politik ya", "neutral", None),
]

# A fourth held-aside set, "fresh3": written after the fixes that followed the one look at "fresh2"
# (affixed verb forms, number chants), committed before the engine was measured on it.
FRESH3 = {
    "support": [
        ("hs01", "yok bareng2 menangkan {pair} di {city}, jangan sampai kecolongan!"),
        ("hs02", "sudah kuputuskan: {short}. titik. {emo}"),
        ("hs03", "{region} butuh pemimpin kayak {short}, tegas dan merakyat 👏"),
        ("hs04", "mohon doa dan dukungannya untuk {pair}, nomor urut {n} 🙏"),
        ("hs05", "Besok semua ke TPS ya, coblos yang nomor {n}! {fingers}"),
        ("hs06", "{tag} sampai menang!!"),
        ("hs07", "bangga jadi relawan {short}, capek tapi seneng 😊"),
    ],
    "against": [
        ("ha01", "kok bisa ya masih ada yg percaya sama {short}, {crit}"),
        ("ha02", "{pair} bawa {region} mundur, jangan diulang lagi"),
        ("ha03", "sumpah kecewa berat sama {short}, dulu aku pendukungnya"),
        ("ha04", "{short} cuma modal pencitraan di medsos 🙄"),
        ("ha05", "say no to {pair}! {crit}"),
    ],
    "news": [
        ("hn01", "Tim kampanye {pair} melaporkan akun palsu yang mencatut nama {short} ke polisi."),
        ("hn02", "Jelang pencoblosan, {short} mengunjungi pasar tradisional di {city}, Rabu (20/11)."),
        ("hn03", "Survei terbaru menempatkan {pair} di posisi teratas dengan elektabilitas {p} persen."),
        ("hn04", "Debat ketiga: {short} menjawab pertanyaan panelis soal {topic}."),
    ],
    "mention": [
        ("hm01", "liat debat semalem, {short} banyak senyum ya wkwk"),
        ("hm02", "pak RT nanya siapa aja yg mau ikut nonton debat {short} vs {name2} di balai warga"),
        ("hm03", "berita soal {short} muncul terus di beranda, algoritma ya gini"),
    ],
    "chatter_number": [
        ("hc01", "anak no {n} lagi demam, izin gak masuk kantor dulu"),
        ("hc02", "pilih paket {n} atau {m} ya buat internet rumah? 🤔"),
        ("hc03", "kelompok {n} presentasi duluan besok"),
    ],
    "chatter": [
        ("he01", "yuk coblos nomor undian doorprize di acara kantor nanti"),
        ("he02", "menang lomba 17an, hadiahnya panci 😂"),
        ("he03", "jangan pilih-pilih makanan ya nak"),
        ("he04", "support terus UMKM teman kita, pesan di link bio"),
        ("he05", "semangat pagi! lanjutkan aktivitas dengan senyum 😊"),
    ],
}
FRESH3_HAND: list[tuple[str, str, str, int | None]] = [
    ("pemilu-2024-presiden", "AMIN! semoga Allah kabulkan doa kita semua", "neutral", None),
    ("pemilu-2024-presiden", "Dua jari! Prabowo-Gibran satu putaran 🔥", "support", 2),
    ("pemilu-2024-presiden", "Ganjar-Mahfud? Saya sih masih menimbang-nimbang", "neutral", None),
    ("pemilu-2024-presiden", "pilih 01 biar ada perubahan, setuju gak?", "support", 1),
    ("pilkada-2024-jakarta", "Pramono diusung PDIP, resmi didaftarkan ke KPU DKI", "neutral", None),
    ("pilkada-2024-jateng", "Andika-Hendi menang di Solo? Kita lihat hasil resminya", "neutral", None),
    ("pilkada-2024-jatim", "Khofifah lagi, Khofifah lagi. Bosen!", "against", 2),
    ("pilkada-2020-medan", "Bobby Nasution kemarin potong pita peresmian pasar", "neutral", None),
    ("pilkada-2020-balikpapan", "Rahmad Mas'ud menang telak atas kotak kosong, kata KPU", "neutral", None),
]


def _generated(seed: int, groups: dict, hand: list, split: str, hand_prefix: str) -> list[dict]:
    """A held-aside set from its own templates and posts (its own random stream)."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible shuffle, not a secret)
    regs = sorted(META)
    rows: list[dict] = []
    for category, templates in groups.items():
        for tid, template in templates:
            seen: set[str] = set()
            for _ in range(15):
                if len(seen) >= 5:
                    break
                reg = rng.choice(regs)
                n = rng.choice(sorted(META[reg]["c"]))
                text = _vary(template.format(**_slots(reg, n, rng)), rng)
                if text in seen:
                    continue
                seen.add(text)
                label = category if category in ("support", "against") else "neutral"
                rows.append(
                    {
                        "registry": reg,
                        "text": text,
                        "label": label,
                        "contestant": _key(reg, n) if label != "neutral" else None,
                        "category": category,
                        "template": tid,
                        "split": split,
                    }
                )
    for index, (reg, text, label, n) in enumerate(hand):
        rows.append(
            {
                "registry": reg,
                "text": text,
                "label": label,
                "contestant": _key(reg, n) if n is not None else None,
                "category": "hand",
                "template": f"{hand_prefix}{index:02d}",
                "split": split,
            }
        )
    return rows


def _fresh(seed: int) -> list[dict]:
    """The "fresh" held-aside set (its own random stream, so the rows above never change)."""
    return _generated(seed, FRESH, FRESH_HAND, "fresh", "fh")


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            ordered = {
                k: row[k] for k in ("id", "split", "registry", "label", "contestant", "category", "template")
            }
            ordered["text"] = row["text"]
            fh.write(json.dumps(ordered, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row["split"], row["label"])] = counts.get((row["split"], row["label"]), 0) + 1
    print(f"{len(rows)} rows → {OUT}")
    for key in sorted(counts):
        print(f"  {key[0]:5} {key[1]:8} {counts[key]}")


if __name__ == "__main__":
    main()
