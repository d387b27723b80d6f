"""Deterministic synthetic news in Persian, Arabic and English, for benchmarks.

The unit is an *event* (kind, date, place, actors, numbers); each event is reported by one to
three articles in different languages and outlets, published on the event day or the day after.
Everything derives from ``(seed, event index)``, so any slice of a corpus of any size can be
produced alone and in any order — a later story generator scaling to 1,000,000 articles can
stream :func:`iter_articles` or call :func:`event_for` / :func:`render` directly.

    python -m bench.generate --n 10000 --out DIR [--format txt|jsonl] [--seed 1]

``txt`` writes ``DIR/NNNN/NNNNNNN.txt`` (headline, blank line, body; 1,000 files per folder);
``jsonl`` writes ``DIR/articles-NNNN.jsonl`` shards with outlet, published, lang and the event id.
The texts are template-made, not real articles: good for throughput, not for accuracy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import jdatetime

LANGS = ("fa", "ar", "en")
TARGET_BYTES = 3000
"""Approximate UTF-8 size of one article body."""
_FILES_PER_DIR = 1000
_JSONL_SHARD = 1000
_EPOCH = dt.date(2024, 1, 1)
_DAYS_SPAN = 730

# Names are (en, fa, ar): the same person/place in three scripts, so cross-lingual linking
# has something real to do. Combinations of given names and surnames give ~900 people.
GIVEN = [
    ("Ahmad", "احمد", "أحمد"), ("Mohammad", "محمد", "محمد"), ("Ali", "علی", "علي"),
    ("Hassan", "حسن", "حسن"), ("Karim", "کریم", "كريم"), ("Omar", "عمر", "عمر"),
    ("Youssef", "یوسف", "يوسف"), ("Ibrahim", "ابراهیم", "إبراهيم"), ("Khaled", "خالد", "خالد"),
    ("Mahmoud", "محمود", "محمود"), ("Nasser", "ناصر", "ناصر"), ("Samir", "سمیر", "سمير"),
    ("Fatima", "فاطمه", "فاطمة"), ("Maryam", "مریم", "مريم"), ("Leila", "لیلا", "ليلى"),
    ("Sara", "سارا", "سارة"), ("Hoda", "هدی", "هدى"), ("Nadia", "نادیا", "نادية"),
    ("Reza", "رضا", "رضا"), ("Farhad", "فرهاد", "فرهاد"), ("Dariush", "داریوش", "داريوش"),
    ("Peter", "پیتر", "بيتر"), ("Anna", "آنا", "آنا"), ("Marco", "مارکو", "ماركو"),
    ("Elena", "النا", "إيلينا"), ("Viktor", "ویکتور", "فيكتور"), ("Olga", "اولگا", "أولغا"),
    ("James", "جیمز", "جيمس"), ("Sophie", "سوفی", "صوفي"), ("Tomas", "توماس", "توماس"),
]
SURNAME = [
    ("Rahimi", "رحیمی", "رحيمي"), ("Haddad", "حداد", "حداد"), ("Karimi", "کریمی", "كريمي"),
    ("Al-Masri", "المصری", "المصري"), ("Nouri", "نوری", "نوري"), ("Saleh", "صالح", "صالح"),
    ("Tehrani", "تهرانی", "طهراني"), ("Al-Amin", "الامین", "الأمين"), ("Jaber", "جابر", "جابر"),
    ("Farouk", "فاروق", "فاروق"), ("Moradi", "مرادی", "مرادي"), ("Shams", "شمس", "شمس"),
    ("Petrenko", "پترنکو", "بيترينكو"), ("Novak", "نواک", "نوفاك"), ("Lindqvist", "لیندکویست", "ليندكفيست"),
    ("Moreau", "مورو", "مورو"), ("Kovacs", "کواچ", "كوفاتش"), ("Bianchi", "بیانکی", "بيانكي"),
    ("Okafor", "اوکافور", "أوكافور"), ("Tanaka", "تاناکا", "تاناكا"), ("Hosseini", "حسینی", "حسيني"),
    ("Al-Rashid", "الرشید", "الرشيد"), ("Darwish", "درویش", "درويش"), ("Ghorbani", "قربانی", "قرباني"),
    ("Yilmaz", "ییلماز", "يلماز"), ("Schmidt", "اشمیت", "شميت"), ("Ivanova", "ایوانووا", "إيفانوفا"),
    ("Mansour", "منصور", "منصور"), ("Bakr", "بکر", "بكر"), ("Abbasi", "عباسی", "عباسي"),
]
PLACES = [
    ("Tehran", "تهران", "طهران"), ("Baghdad", "بغداد", "بغداد"), ("Cairo", "قاهره", "القاهرة"),
    ("Doha", "دوحه", "الدوحة"), ("Muscat", "مسقط", "مسقط"), ("Beirut", "بیروت", "بيروت"),
    ("Damascus", "دمشق", "دمشق"), ("Amman", "امان", "عمّان"), ("Riyadh", "ریاض", "الرياض"),
    ("Ankara", "آنکارا", "أنقرة"), ("Geneva", "ژنو", "جنيف"), ("Vienna", "وین", "فيينا"),
    ("Brussels", "بروکسل", "بروكسل"), ("Moscow", "مسکو", "موسكو"), ("Kyiv", "کی‌یف", "كييف"),
    ("Istanbul", "استانبول", "إسطنبول"), ("Kabul", "کابل", "كابول"), ("Herat", "هرات", "هرات"),
    ("Mashhad", "مشهد", "مشهد"), ("Isfahan", "اصفهان", "أصفهان"), ("Tabriz", "تبریز", "تبريز"),
    ("Basra", "بصره", "البصرة"), ("Erbil", "اربیل", "أربيل"), ("Aleppo", "حلب", "حلب"),
    ("Khartoum", "خارطوم", "الخرطوم"), ("Tripoli", "طرابلس", "طرابلس"), ("Tunis", "تونس", "تونس"),
    ("Algiers", "الجزیره", "الجزائر"), ("Rabat", "رباط", "الرباط"), ("Sanaa", "صنعا", "صنعاء"),
]
ROLES = [
    ("foreign minister", "وزیر امور خارجه", "وزير الخارجية"),
    ("defence minister", "وزیر دفاع", "وزير الدفاع"),
    ("oil minister", "وزیر نفت", "وزير النفط"),
    ("ambassador", "سفیر", "السفير"),
    ("special envoy", "فرستاده ویژه", "المبعوث الخاص"),
    ("government spokesperson", "سخنگوی دولت", "المتحدث باسم الحكومة"),
    ("governor", "استاندار", "المحافظ"),
]
OUTLETS = {
    "fa": ("خبرگزاری نمونه", "روزنامه افق", "پایگاه خبری صبا", "خبرنامه البرز"),
    "ar": ("وكالة الأنباء النموذجية", "صحيفة الأفق", "موقع الرصد", "شبكة النهار"),
    "en": ("Sample Wire", "Horizon Daily", "The Gazette Desk", "Northern Post"),
}
AGENCIES = {
    "fa": ("به نقل از ایرنا", "به گزارش ایسنا", "به نقل از رویترز", "به گزارش خبرگزاری فرانسه"),
    "ar": ("وفق ما أفادت وكالة الأنباء", "بحسب وكالة رويترز", "نقلاً عن وكالة فرانس برس", "وفق بيان رسمي"),
    "en": ("a source told Reuters", "according to AFP", "the ministry said in a statement", "officials told reporters"),
}
FOOTERS = {
    "fa": "ما را در کانال تلگرام دنبال کنید",
    "ar": "تابعونا على تيليغرام وإكس",
    "en": "Follow us on Telegram. All rights reserved.",
}
FA_WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")
AR_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
AR_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
FA_HOURS = ("دو", "سه", "چهار", "پنج", "شش")
AR_HOURS = ("ساعتين", "ثلاث ساعات", "أربع ساعات", "خمس ساعات", "ست ساعات")
EN_HOURS = ("two", "three", "four", "five", "six")
_SCRIPT_INDEX = {"en": 0, "fa": 1, "ar": 2}
"""Column of a language in the (en, fa, ar) name tables."""
_FA_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")

KINDS = ("talks", "call", "quake", "ceasefire", "payment")

# Per kind and language: headline and lead templates. Slots: {a} {b} actor names, {ra} {rb}
# their roles, {p} place, {q} second place, {day} the event-day phrase, {h} hours, {n} a number,
# {m} a sum, {via} an attribution phrase.
HEADLINES = {
    "talks": {"fa": "دیدار {a} و {b} در {p}", "ar": "{a} يلتقي {b} في {p}", "en": "{a} meets {b} in {p}"},
    "call": {"fa": "گفت‌وگوی تلفنی {a} و {b}", "ar": "اتصال هاتفي بين {a} و{b}", "en": "{a} and {b} discuss ties by phone"},
    "quake": {"fa": "زلزله {n} ریشتری {p} را لرزاند", "ar": "زلزال بقوة {n} درجات يضرب {p}", "en": "Magnitude {n} earthquake hits {p}"},
    "ceasefire": {"fa": "آتش‌بس {h} روزه در {p} اعلام شد", "ar": "إعلان هدنة في {p}", "en": "Truce declared in {p}"},
    "payment": {"fa": "پرداخت {m} میلیون دلار بدهی در {p}", "ar": "تحويل {m} مليون دولار في {p}", "en": "{m} million dollars transferred in {p}"},
}
LEADS = {
    "talks": {
        "fa": "{ra} {a} {day} در {p} با {rb} {b} دیدار کرد و دو طرف {h} ساعت درباره همکاری‌های دوجانبه گفت‌وگو کردند.",
        "ar": "التقى {ra} {a} {day} في {p} {rb} {b}، وبحث الجانبان على مدى {h} سبل تعزيز التعاون الثنائي.",
        "en": "{ra_en} {a} met {rb_en} {b} in {p} {day}, and the two spent {h} hours discussing bilateral cooperation.",
    },
    "call": {
        "fa": "{ra} {a} {day} در تماسی تلفنی با {rb} {b} درباره تحولات منطقه رایزنی کرد.",
        "ar": "بحث {ra} {a} {day} في اتصال هاتفي مع {rb} {b} آخر التطورات في المنطقة.",
        "en": "{ra_en} {a} spoke by phone with {rb_en} {b} {day} about developments in the region.",
    },
    "quake": {
        "fa": "زمین‌لرزه‌ای به بزرگی {n} ریشتر {day} حوالی {p} را لرزاند و دست‌کم {k} نفر مصدوم شدند.",
        "ar": "ضرب زلزال بقوة {n} درجات {day} منطقة {p}، ما أسفر عن إصابة {k} شخصاً على الأقل.",
        "en": "An earthquake of magnitude {n} struck near {p} {day}, injuring at least {k} people.",
    },
    "ceasefire": {
        "fa": "طرف‌های درگیر در {p} {day} با آتش‌بسی {h} روزه موافقت کردند که با میانجی‌گری {b} حاصل شد.",
        "ar": "وافقت الأطراف المتحاربة في {p} {day} على هدنة لمدة {h} أيام بوساطة {b}.",
        "en": "The warring sides in {p} agreed {day} to a {h}-day truce brokered by {b}.",
    },
    "payment": {
        "fa": "{ra} {a} {day} از پرداخت {m} میلیون دلار از بدهی‌های معوق در {p} خبر داد.",
        "ar": "أعلن {ra} {a} {day} تحويل {m} مليون دولار من المستحقات المتأخرة في {p}.",
        "en": "{ra_en} {a} said {day} that {m} million dollars of overdue debt had been transferred in {p}.",
    },
}
# Body sentences shared by all kinds; drawn in varying order until the size target is met.
FILLER = {
    "fa": [
        "{via}، {b} در این باره گفت: «ما به ادامه گفت‌وگو متعهد هستیم و منتظر گام‌های عملی طرف مقابل می‌مانیم.»",
        "یک مقام آگاه که نخواست نامش فاش شود گفت نشست بعدی احتمالاً {next} در {q} برگزار می‌شود.",
        "کارشناسان می‌گویند این تحول می‌تواند بر روابط منطقه‌ای در ماه‌های آینده اثر بگذارد.",
        "{a} پیش از این نیز بارها بر ضرورت حل اختلاف‌ها از راه دیپلماسی تأکید کرده بود.",
        "بر اساس آمار رسمی، حجم مبادلات تجاری دو طرف در سال گذشته به {k} میلیون دلار رسیده است.",
        "{via}، هیئت‌های کارشناسی دو طرف نیز در روزهای آینده در {q} دیدار خواهند کرد.",
        "ساکنان {p} به خبرنگاران گفتند وضعیت شهر آرام است و مغازه‌ها باز هستند.",
        "{b} در پستی در شبکه اجتماعی ایکس نوشت که نتایج این رایزنی‌ها به زودی اعلام می‌شود.",
        "این نخستین تماس در سطح عالی میان دو طرف در {k} روز گذشته به شمار می‌رود.",
        "سخنگوی دولت در نشست خبری هفتگی خود از ارائه جزئیات بیشتر خودداری کرد.",
    ],
    "ar": [
        "وقال {b}، {via}: \"نحن ملتزمون بمواصلة الحوار وننتظر خطوات عملية من الطرف الآخر\".",
        "وأفاد مصدر مطلع، طلب عدم الكشف عن اسمه، بأن الجولة المقبلة قد تعقد {next} في {q}.",
        "ويرى محللون أن هذا التطور قد يؤثر في العلاقات الإقليمية خلال الأشهر المقبلة.",
        "وكان {a} قد شدد مراراً على ضرورة حل الخلافات عبر الطرق الدبلوماسية.",
        "وبحسب الأرقام الرسمية، بلغ حجم التبادل التجاري بين الجانبين {k} مليون دولار العام الماضي.",
        "ومن المتوقع أن تلتقي الوفود الفنية من الجانبين في {q} خلال الأيام المقبلة، {via}.",
        "وقال سكان في {p} للصحفيين إن الوضع هادئ وإن المتاجر فتحت أبوابها.",
        "وكتب {b} في منشور على منصة إكس أن نتائج المشاورات ستعلن قريباً.",
        "ويعد هذا أول اتصال رفيع المستوى بين الجانبين منذ {k} يوماً.",
        "وامتنع المتحدث باسم الحكومة عن تقديم مزيد من التفاصيل خلال مؤتمره الصحفي الأسبوعي.",
    ],
    "en": [
        "\"We remain committed to dialogue and are waiting for practical steps from the other side,\" {b} said, {via}.",
        "An official who asked not to be named said the next round could take place {next} in {q}.",
        "Analysts said the development could shape regional relations in the coming months.",
        "{a} has repeatedly said that disputes should be settled through diplomacy.",
        "Official figures put trade between the two sides at {k} million dollars last year.",
        "Technical teams from both sides are expected to meet in {q} in the coming days, {via}.",
        "Residents of {p} told reporters the city was calm and shops had reopened.",
        "{b} wrote in a post on X that the results of the consultations would be announced soon.",
        "It was the first high-level contact between the two sides in {k} days.",
        "The government spokesperson declined to give further details at a weekly news conference.",
    ],
}


@dataclass(frozen=True)
class Event:
    """One real-world happening that several synthetic articles report."""

    id: int
    kind: str
    date: dt.date
    place: int
    other_place: int
    actors: tuple[tuple[int, int, int], ...]
    """(given, surname, role) indices."""
    number: float
    hours: int
    count: int
    money: int
    langs: tuple[str, ...]


@dataclass(frozen=True)
class SyntheticArticle:
    event: int
    lang: str
    outlet: str
    published: dt.date
    title: str
    text: str


def event_for(seed: int, index: int) -> Event:
    """The event number ``index`` of corpus ``seed``; independent of every other event."""
    rng = random.Random(seed * 1_000_003 + index)
    n_langs = rng.choice((1, 2, 2, 3, 3))
    langs = tuple(rng.sample(LANGS, n_langs))
    actors = tuple((rng.randrange(len(GIVEN)), rng.randrange(len(SURNAME)), rng.randrange(len(ROLES))) for _ in range(2))
    return Event(
        id=index,
        kind=rng.choice(KINDS),
        date=_EPOCH + dt.timedelta(days=rng.randrange(_DAYS_SPAN)),
        place=rng.randrange(len(PLACES)),
        other_place=rng.randrange(len(PLACES)),
        actors=actors,
        number=round(rng.uniform(4.0, 6.9), 1),
        hours=rng.randint(2, 6),
        count=rng.randint(3, 250),
        money=rng.randrange(50, 2500, 10),
        langs=langs,
    )


def _person(actor: tuple[int, int, int], li: int, full: bool) -> str:
    given, surname, _ = actor
    return f"{GIVEN[given][li]} {SURNAME[surname][li]}" if full else SURNAME[surname][li]


def _day_phrase(lang: str, event_day: dt.date, published: dt.date) -> str:
    """How the article dates the event relative to its publication day, as newsrooms do."""
    weekday = event_day.weekday()
    same_day = event_day == published
    if lang == "fa":
        j = jdatetime.date.fromgregorian(date=event_day)
        day = f"{'امروز' if same_day else 'دیروز'} {FA_WEEKDAYS[weekday]} {j.day} {JALALI_MONTHS[j.month - 1]} {j.year}"
        return day.translate(_FA_DIGITS)
    if lang == "ar":
        return f"{'اليوم' if same_day else 'يوم أمس'} {AR_WEEKDAYS[weekday]} {event_day.day} {AR_MONTHS[event_day.month - 1]}"
    return f"on {EN_WEEKDAYS[weekday]}" if same_day else f"on {EN_WEEKDAYS[weekday]}, {EN_MONTHS[event_day.month - 1]} {event_day.day}"


def _next_phrase(lang: str, rng: random.Random) -> str:
    weekday = rng.randrange(7)
    return {"fa": f"{FA_WEEKDAYS[weekday]} آینده", "ar": f"يوم {AR_WEEKDAYS[weekday]} المقبل", "en": f"next {EN_WEEKDAYS[weekday]}"}[lang]


def render(event: Event, lang: str, seed: int) -> SyntheticArticle:
    """One article about ``event`` in ``lang``; deterministic in (seed, event, lang)."""
    rng = random.Random(f"{seed}:{event.id}:{lang}")
    li = _SCRIPT_INDEX[lang]
    published = event.date + dt.timedelta(days=rng.choice((0, 0, 1)))
    a_full, b_full = _person(event.actors[0], li, True), _person(event.actors[1], li, True)
    a_short, b_short = _person(event.actors[0], li, False), _person(event.actors[1], li, False)
    digits = _FA_DIGITS if lang == "fa" else None
    num = lambda x: str(x).translate(digits) if digits else str(x)  # noqa: E731
    slots = {
        "a": a_full, "b": b_full, "ra": ROLES[event.actors[0][2]][li], "rb": ROLES[event.actors[1][2]][li],
        "ra_en": ROLES[event.actors[0][2]][0].capitalize(), "rb_en": ROLES[event.actors[1][2]][0],
        "p": PLACES[event.place][li], "q": PLACES[event.other_place][li],
        "day": _day_phrase(lang, event.date, published), "n": num(event.number), "k": num(event.count),
        "m": num(event.money), "h": num(event.hours) if lang != "ar" else AR_HOURS[event.hours - 2],
        "via": rng.choice(AGENCIES[lang]), "next": _next_phrase(lang, rng),
    }
    if lang == "fa" and event.kind == "talks":
        slots["h"] = FA_HOURS[event.hours - 2]
    if lang == "en" and event.kind == "talks":
        slots["h"] = EN_HOURS[event.hours - 2]
    if lang == "ar" and event.kind == "ceasefire":
        slots["h"] = num(event.hours)
    title = HEADLINES[event.kind][lang].format(**slots)
    sentences = [LEADS[event.kind][lang].format(**slots)]
    size = len(sentences[0].encode())
    later = dict(slots, a=a_short, b=b_short)
    filler = FILLER[lang]
    while size < TARGET_BYTES:
        order = rng.sample(range(len(filler)), len(filler))
        for i in order:
            later["via"] = rng.choice(AGENCIES[lang])
            later["k"] = num(rng.randint(2, 900))
            later["q"] = PLACES[rng.randrange(len(PLACES))][li]
            sentence = filler[i].format(**later)
            sentences.append(sentence)
            size += len(sentence.encode()) + 1
            if size >= TARGET_BYTES:
                break
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    if rng.random() < 0.2:
        paragraphs.append(FOOTERS[lang])
    outlet = OUTLETS[lang][rng.randrange(len(OUTLETS[lang]))]
    return SyntheticArticle(event.id, lang, outlet, published, title, "\n\n".join(paragraphs))


def iter_articles(n: int, seed: int = 1) -> Iterator[SyntheticArticle]:
    """The first ``n`` articles of corpus ``seed``, event by event (streams; any size)."""
    produced = 0
    index = 0
    while produced < n:
        event = event_for(seed, index)
        for lang in event.langs:
            if produced >= n:
                return
            yield render(event, lang, seed)
            produced += 1
        index += 1


def write_corpus(n: int, out: Path, fmt: str = "txt", seed: int = 1) -> int:
    """Write ``n`` articles under ``out``; returns the number of bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    if fmt == "txt":
        for i, art in enumerate(iter_articles(n, seed)):
            folder = out / f"{i // _FILES_PER_DIR:04d}"
            if i % _FILES_PER_DIR == 0:
                folder.mkdir(exist_ok=True)
            data = f"{art.title}\n\n{art.text}\n".encode()
            (folder / f"{i:07d}.txt").write_bytes(data)
            written += len(data)
        return written
    if fmt != "jsonl":
        raise ValueError(f"unknown format {fmt!r} (txt or jsonl)")
    shard: list[str] = []
    shard_no = 0
    for i, art in enumerate(iter_articles(n, seed)):
        shard.append(json.dumps({
            "title": art.title, "text": art.text, "outlet": art.outlet, "published": art.published.isoformat(),
            "lang": art.lang, "event": art.event,
        }, ensure_ascii=False))
        if len(shard) == _JSONL_SHARD:
            written += _write_shard(out, shard_no, shard)
            shard, shard_no = [], shard_no + 1
    if shard:
        written += _write_shard(out, shard_no, shard)
    return written


def _write_shard(out: Path, number: int, lines: list[str]) -> int:
    data = ("\n".join(lines) + "\n").encode()
    (out / f"articles-{number:04d}.jsonl").write_bytes(data)
    return len(data)


# --- story feature records (clustering at scale) ------------------------------------------
#
# Clustering never reads text, so a million-article stream is generated as the feature records
# clustering consumes (newsweave.cluster.features.ArticleFeatures): entity ids, days, event
# kinds, places, numbers, languages. The model has the traps real news has: storylines whose
# core actors recur over weeks in events of other kinds, days and places; heads of state in
# everything; hubs; noise entities; undated articles; near-duplicate wire copies.

STORY_LANGS = ("fa", "ar", "en", "ru", "tr", "fr", "ur", "uk")
STORY_KINDS = ("call", "meeting", "talks", "ceasefire", "attack", "election", "protest", "arrest",
               "sanction", "earthquake", "payment", "visit")
ARTICLES_PER_DAY = 1400
"""Constant news density: a larger corpus is a longer stream, not a denser one."""
STORYLINE_DAYS = 21
"""A storyline's events (about eight) fall within three weeks."""
_HEADS, _ACTORS, _PLACES, _NOISE, _HUBS = 60, 40_000, 6_000, 150_000, 12


@dataclass(frozen=True)
class StoryEvent:
    """One synthetic real-world event (the gold story of its articles)."""

    id: int
    storyline: int
    kind: str
    day: int
    place: int
    actors: tuple[int, ...]
    head: int
    specific: tuple[int, ...]
    numbers: tuple[str, ...]


def story_event(seed: int, index: int, n_events: int) -> StoryEvent:
    """Event ``index`` of ``n_events``: days advance with the index; storylines of about eight
    events reuse two core actors and a head of state over three weeks, on other days, in other
    places and mostly as other kinds of event."""
    rng = random.Random(seed * 7_919 + index)
    span = max(1, n_events * 2 // ARTICLES_PER_DAY)
    base = _EPOCH.toordinal() + index * span // max(1, n_events)
    events_per_period = max(1, n_events * STORYLINE_DAYS // span)
    storyline = (base // STORYLINE_DAYS) * 1_000_003 + rng.randrange(max(1, events_per_period // 8))
    line = random.Random(seed * 104_729 + storyline)
    return StoryEvent(
        id=index,
        storyline=storyline,
        kind=rng.choice(STORY_KINDS),
        day=base + rng.randrange(3),
        place=rng.randrange(_PLACES),
        actors=(line.randrange(_ACTORS), line.randrange(_ACTORS)),
        head=line.randrange(_HEADS),
        specific=tuple(rng.randrange(_ACTORS, _ACTORS * 20) for _ in range(rng.randint(1, 3))),
        numbers=tuple(f"{rng.uniform(1, 99):.1f}" for _ in range(rng.randint(0, 2))),
    )


def story_feature_records(n: int, seed: int = 1) -> Iterator[tuple[int, "object"]]:
    """``n`` article feature records as ``(event id, ArticleFeatures)``, in publication order
    with a little disorder (late arrivals), as a stream would bring them."""
    from newsweave.cluster.features import ArticleFeatures, EntityFeature

    n_events = max(1, n // 2)
    buffer: list[tuple[int, int, object]] = []
    made = 0
    index = 0
    while made < n:
        event = story_event(seed, index, n_events)
        index += 1
        rng = random.Random(seed * 15_485_863 + event.id)
        for k in range(rng.choice((1, 1, 2, 2, 2, 3, 4))):
            if made >= n:
                break
            lang = rng.choice(STORY_LANGS)
            ents: list[EntityFeature] = []
            for actor in event.actors:
                if rng.random() < 0.9:
                    ents.append(EntityFeature(f"per-{actor}", rng.choice((1.0, 1.5, 2.0)), "PER"))
            if rng.random() < 0.8:
                ents.append(EntityFeature(f"per-head-{event.head}", 1.5, "PER"))
            ents += [EntityFeature(f"per-{a}", 1.0, "PER") for a in event.specific if rng.random() < 0.6]
            if rng.random() < 0.7:
                ents.append(EntityFeature(f"loc-{event.place}", 1.05, "LOC"))
            ents += [EntityFeature(f"loc-hub-{rng.randrange(_HUBS)}", 0.7, "LOC") for _ in range(rng.randint(0, 2))]
            ents += [EntityFeature(f"org-{int(rng.paretovariate(1.2) * 10) % _NOISE}", 1.0, "ORG")
                     for _ in range(rng.randint(1, 4))]
            ents.append(EntityFeature(f"org-media-{rng.randrange(40)}", 0.3, "ORG", True))
            unique = {e.id: e for e in ents}
            undated = rng.random() < 0.05
            published = None if undated else event.day + rng.choice((0, 0, 1, 1, 2))
            from_fact = rng.random() < 0.7
            main_day = event.day + (rng.choice((-1, 1)) if rng.random() < 0.1 else 0) if from_fact else published
            numbers = tuple(sorted({x for x in event.numbers if rng.random() < 0.5}
                                   | {str(rng.randrange(10, 500)) for _ in range(rng.randint(0, 2))}))
            wire = random.Random(event.id * 31 + STORY_LANGS.index(lang))
            sketch = tuple(sorted(wire.getrandbits(32) if rng.random() < 0.6 else rng.getrandbits(32) for _ in range(32)))
            features = ArticleFeatures(
                id=f"{seed:02d}{event.id:09x}{k:02x}",
                lang=lang,
                outlet=f"outlet-{lang}-{rng.randrange(25)}",
                title=f"{event.kind} {event.id}",
                titled=True,
                published=published,
                day=published,
                main_day=None if undated and not from_fact else main_day,
                main_day_from_fact=from_fact,
                main_kind=event.kind if event.kind not in ("talks",) and rng.random() < 0.85 else None,
                main_place=f"loc-{event.place}" if rng.random() < 0.4 else None,
                entities=tuple(sorted(unique.values(), key=lambda e: (-e.weight, e.id))),
                numbers=numbers,
                events=(),
                sketch=sketch,
            )
            order = (published if published is not None else event.day) * 10 + rng.randrange(20)
            heapq.heappush(buffer, (order, made, (event.id, features)))
            made += 1
        while buffer and len(buffer) > 4 * ARTICLES_PER_DAY // 10:
            yield heapq.heappop(buffer)[2]
    while buffer:
        yield heapq.heappop(buffer)[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    size = write_corpus(args.n, args.out, args.format, args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {args.n} articles ({size / 1e6:.1f} MB) to {args.out} in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
