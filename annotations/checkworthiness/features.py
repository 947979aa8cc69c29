"""Interpretable check-worthiness features of one sentence, in Indonesian and English.

The design follows Full Fact's PASTEL: a handful of features a fact-checker recognises (a number, a comparison,
a named source, ...) that a linear model weighs, so that the same weights explain each score. Each feature is a
0/1 (or small graded) value; the lexicons hold both languages, so weights learned on English transfer to
Indonesian sentences feature by feature.

``extract(sentence, lang)`` returns ``{name: value}`` for the features that fire; ``ngrams(sentence)`` returns the
lowercased word unigrams and bigrams (digits folded to ``0``) that the English model adds.
"""

import math
import re

__all__ = ["FEATURES", "POSITIVE_HINTS", "extract", "ngrams", "tokens"]


def _words(text):
    return frozenset(text.split())


def _rx(*alternatives, flags=re.IGNORECASE):
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", flags)


_TOKEN = re.compile(r"[^\W_]+(?:[-'\u2019.,][^\W_]+)*|[%$]")

# --- lexicons (English and Indonesian) -------------------------------------------------------------------------

_NUMBER_WORDS = _words(
    """hundred hundreds thousand thousands million millions billion billions trillion trillions dozen dozens twice
    double doubled triple tripled half quarter third percent ratus ratusan ribu ribuan juta jutaan miliar milyar
    triliun puluh puluhan belas setengah separuh seperempat sepertiga dua tiga empat lima enam tujuh delapan
    sembilan sepuluh seratus seribu sejuta two three four five six seven eight nine ten twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety"""
)
_BIG_AMOUNT = _words("million millions billion billions trillion trillions juta jutaan miliar milyar triliun")
_MONEY = _rx(
    r"rp\.?",
    r"us\$",
    r"\$",
    "dollars?",
    "rupiah",
    "cents?",
    "euros?",
    "pounds? sterling",
    "budget",
    "anggaran",
    "apbn",
    "apbd",
    "dana",
)
_MONEY_SIGN = re.compile(r"(?:US\$|\$|£|€|\bRp\.?)\s?\d", re.IGNORECASE)
_PERCENT = _rx("percent", "per cent", "percentage", "persen", "prosentase", "persentase")
_COMPARATIVE = _words(
    """more less fewer higher lower greater smaller larger bigger better worse faster slower than compared
    increase increased increases increasing decrease decreased decreases rise rose risen fell fall drop dropped
    grew grown doubled tripled lebih kurang dibanding dibandingkan daripada ketimbang meningkat menurun naik turun
    bertambah berkurang melonjak anjlok merosot tumbuh kenaikan penurunan peningkatan lipat"""
)
_SUPERLATIVE = _words(
    """most least best worst biggest largest highest lowest greatest smallest fastest slowest first last only ever
    record paling terbesar tertinggi terendah terbanyak terburuk terbaik terkecil terlama tercepat terluas pertama
    satu-satunya rekor sepanjang"""
)
_SUPERLATIVE_EST = re.compile(r"^[a-z]{3,}est$")
_ATTRIBUTION = _words(
    """said says say told stated claimed claims claim reported announced according testified admitted acknowledged
    confirmed revealed warned accused alleged charged kata katanya ujar ujarnya ucap ucapnya tutur tuturnya
    menurut mengklaim klaim menyebut menyebutkan mengatakan menyatakan menegaskan menjelaskan mengungkapkan
    melaporkan dilaporkan mengumumkan menuduh dituduh mengakui membantah menambahkan memaparkan membeberkan
    mencatat tercatat dikutip mengutip laporan"""
)
_ACCUSATION = _words("accused accuse alleged charged menuduh dituduh tuduhan menuding dituding didakwa tersangka")
_CHANGE = _words(
    """cut cuts raised raise lost lose created added spent spend paid pay killed died elected voted signed passed
    vetoed sent invaded attacked built closed opened banned approved rejected menaikkan menurunkan memotong
    kehilangan menciptakan menghabiskan membayar membunuh tewas meninggal terpilih memilih menandatangani
    mengesahkan disahkan menolak menyetujui menyerang membangun menutup membuka melarang mengirim menyuplai
    memasok menjual membeli mengekspor mengimpor"""
)
_POLICY = _words(
    """tax taxes deficit debt unemployment jobs job economy inflation wages income budget spending medicare
    medicaid insurance health healthcare crime prison police military troops nuclear weapons missiles war oil
    energy trade imports exports gdp rate rates law laws bill bills legislation congress senate vote votes voted
    pajak defisit utang pengangguran pekerjaan ekonomi inflasi upah gaji pendapatan anggaran belanja kesehatan
    kejahatan penjara polisi militer tentara nuklir senjata rudal perang minyak energi perdagangan impor ekspor
    pdb undang-undang uu ruu peraturan perda dpr mpr suara pemilu korupsi subsidi harga penduduk kasus korban
    amunisi"""
)
_PERFECT = _rx(
    r"(?:has|have|had)(?: not| never| already| just)? (?:been )?\w+(?:ed|en|wn|t)",
    "telah",
    "sudah",
    "pernah",
    "sempat",
    "tercatat",
    "was",
    "were",
    "did",
    "dulu",
)
_FIRST_TIME = _rx("first time", "in history", "ever", "pertama kali", "sepanjang sejarah", "belum pernah")
_MONTHS = _words(
    """january february march april may june july august september october november december januari februari
    maret mei juni juli agustus oktober desember jan feb mar apr jun jul aug agu sep sept oct okt nov dec des
    monday tuesday wednesday thursday friday saturday sunday senin selasa rabu kamis jumat sabtu minggu"""
)
_DATE_PHRASE = _rx(
    "last year",
    "this year",
    "years ago",
    "ago",
    "since",
    "in the last",
    "over the last",
    "tahun lalu",
    "tahun ini",
    "bulan lalu",
    "pekan lalu",
    "minggu lalu",
    "sejak",
    "selama",
    "yang lalu",
    "silam",
)
_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_DIGIT = re.compile(r"\d")

_QUESTION_START = _words(
    """what why how who whom whose which when where whether is are do does did can could would will should shall
    apa apakah mengapa kenapa bagaimana siapa kapan dimana mana berapa bukankah benarkah"""
)
_FIRST_SINGULAR = _words("i me my mine myself i'm i've i'll i'd saya aku ku daku")
_FIRST_PLURAL = _words("we us our ours ourselves we're we've we'll kami kita")
_HEDGE = _rx(
    "think",
    "thinks",
    "believe",
    "believes",
    "feel",
    "feels",
    "hope",
    "hopes",
    "maybe",
    "perhaps",
    "probably",
    "possibly",
    "seems?",
    "might",
    "guess",
    "suppose",
    "frankly",
    "honestly",
    "in my view",
    "in my opinion",
    "kira",
    "kiranya",
    "rasa",
    "merasa",
    "mungkin",
    "barangkali",
    "sepertinya",
    "tampaknya",
    "kelihatannya",
    "semoga",
    "mudah-mudahan",
    "berharap",
    "harap",
    "pendapat saya",
    "menurut saya",
    "menurut kami",
    "yakin",
    "potensi",
    "potensial",
)
_NORMATIVE = _rx(
    "should",
    "must",
    "ought",
    "need to",
    "needs to",
    "have to",
    "has to",
    "got to",
    "harus",
    "seharusnya",
    "sebaiknya",
    "semestinya",
    "perlu",
    "perlunya",
    "wajib",
    "mesti",
    "hendaknya",
    "patut",
)
_PREDICTION = _rx(
    "will",
    "won't",
    "going to",
    "gonna",
    r"\w+'ll",
    "would",
    "shall",
    "akan",
    "bakal",
    "diperkirakan",
    "diprediksi",
    "memperkirakan",
    "memprediksi",
    "mendatang",
    "nanti",
    "besok",
    "depan",
    "future",
    "masa depan",
    "next year",
    "tomorrow",
)
_INTENT = _rx(
    "want to",
    "wants to",
    "intend",
    "plan to",
    "plans to",
    "promise",
    "promised",
    "going to do",
    "let me",
    "let's",
    "let us",
    "ingin",
    "mau",
    "hendak",
    "berjanji",
    "berencana",
    "rencana",
    "mari",
    "ayo",
)
_SOCIAL = _rx(
    "thank you",
    "thanks",
    "thank",
    "ladies and gentlemen",
    "good evening",
    "congratulations",
    "terima kasih",
    "selamat",
    "mohon",
    "silakan",
    "bapak-bapak",
    "ibu-ibu",
    "hadirin",
)
_CONDITIONAL = _rx("if", "unless", "suppose", "jika", "kalau", "apabila", "seandainya", "andaikan", "bila")
_EMOTIVE = _rx(
    "very",
    "really",
    "terrible",
    "wonderful",
    "great",
    "awful",
    "horrible",
    "disgrace",
    "ridiculous",
    "sangat",
    "amat",
    "sekali",
    "luar biasa",
    "hebat",
    "buruk sekali",
    "memalukan",
    "konyol",
    "semakin",
    "kompleks",
    "penting",
)
_YOU = _words("you your you're you've yours anda kamu kau engkau kalian")
_NEGATION = _words("not no never n't nobody nothing tidak tak bukan belum tanpa jangan")

# Feature names in a fixed order (the model file lists its weights by these names).
FEATURES = (
    "number",
    "number_word",
    "year",
    "percent",
    "money",
    "big_amount",
    "comparative",
    "superlative",
    "change",
    "attribution",
    "accusation",
    "named_entity",
    "many_entities",
    "acronym",
    "date",
    "policy_topic",
    "past_event",
    "first_time",
    "first_plural",
    "third_person",
    "negation",
    "question",
    "first_person",
    "hedge",
    "normative",
    "prediction",
    "intention",
    "social",
    "conditional",
    "emotive",
    "addressee",
    "short",
    "long",
    "length",
)

# Features that explain a high score (the others explain a low one, when their weight is negative).
POSITIVE_HINTS = frozenset(
    """number number_word year percent money big_amount comparative superlative change attribution accusation
    named_entity many_entities acronym date policy_topic past_event first_time""".split()
)

_THIRD = _words("he she they it his her their its them him ia dia mereka beliau nya pihaknya")


def tokens(sentence):
    return _TOKEN.findall(sentence)


def extract(sentence, lang="en"):
    """The features of ``sentence`` that fire, as ``{name: value}``; ``lang`` is ``"id"``, ``"en"`` or another code."""
    toks = tokens(sentence)
    low = [t.lower() for t in toks]
    lowset = set(low)
    f = {}
    text = sentence.strip()
    if _DIGIT.search(text):
        f["number"] = 1.0
    if lowset & _NUMBER_WORDS:
        f["number_word"] = 1.0
    if _YEAR.search(text):
        f["year"] = 1.0
    if "%" in text or _PERCENT.search(text):
        f["percent"] = 1.0
    if _MONEY_SIGN.search(text) or _MONEY.search(text):
        f["money"] = 1.0
    if lowset & _BIG_AMOUNT:
        f["big_amount"] = 1.0
    if lowset & _COMPARATIVE:
        f["comparative"] = 1.0
    if lowset & _SUPERLATIVE or any(_SUPERLATIVE_EST.match(w) and w not in ("interest", "honest") for w in low):
        f["superlative"] = 1.0
    if lowset & _CHANGE:
        f["change"] = 1.0
    if lowset & _ATTRIBUTION:
        f["attribution"] = 1.0
    if lowset & _ACCUSATION:
        f["accusation"] = 1.0
    # capitalised tokens after the first one, not "I": names of people, places, organisations
    caps = 0
    acronyms = 0
    for i, t in enumerate(toks):
        if t[0].isupper() and t not in ("I", "I'm", "I've", "I'll", "I'd"):
            if t.isupper() and len(t) >= 2 and t.isalpha():
                acronyms += 1
                caps += 1
            elif i > 0:
                caps += 1
    if caps:
        f["named_entity"] = 1.0
    if caps >= 3:
        f["many_entities"] = 1.0
    if acronyms:
        f["acronym"] = 1.0
    if lowset & _MONTHS or _DATE_PHRASE.search(text):
        f["date"] = 1.0
    if lowset & _POLICY:
        f["policy_topic"] = 1.0
    if _PERFECT.search(text):
        f["past_event"] = 1.0
    if _FIRST_TIME.search(text):
        f["first_time"] = 1.0
    if lowset & _FIRST_PLURAL:
        f["first_plural"] = 1.0
    if lowset & _THIRD:
        f["third_person"] = 1.0
    if lowset & _NEGATION or "n't" in text:
        f["negation"] = 1.0
    if text.rstrip("\"'\u201d\u2019)] ").endswith("?") or (low and low[0] in _QUESTION_START and "?" in text):
        f["question"] = 1.0
    if lowset & _FIRST_SINGULAR:
        f["first_person"] = 1.0
    if _HEDGE.search(text):
        f["hedge"] = 1.0
    if _NORMATIVE.search(text):
        f["normative"] = 1.0
    if _PREDICTION.search(text):
        f["prediction"] = 1.0
    if _INTENT.search(text):
        f["intention"] = 1.0
    if _SOCIAL.search(text):
        f["social"] = 1.0
    if _CONDITIONAL.search(text):
        f["conditional"] = 1.0
    if _EMOTIVE.search(text):
        f["emotive"] = 1.0
    if lowset & _YOU:
        f["addressee"] = 1.0
    n = len(toks)
    if n < 6:
        f["short"] = 1.0
    if n > 30:
        f["long"] = 1.0
    f["length"] = math.log1p(n) / 4.0
    return f


_NUM_TOKEN = re.compile(r"\d")


def ngrams(sentence):
    """Lowercased word unigrams and bigrams of ``sentence``, digits folded to ``0``; a set of strings."""
    words = [_NUM_TOKEN.sub("0", t.lower()) for t in _TOKEN.findall(sentence)]
    grams = set(words)
    grams.update(a + " " + b for a, b in zip(words, words[1:], strict=False))
    return grams
