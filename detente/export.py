"""Exports of stored events: GDELT 2.0 event table, PLOVER JSON, CSV and Parquet.

``export_events(events, fmt, out)`` writes a list of :class:`~detente.model.Event`
(as ``Store.events`` returns them) in one of :data:`EXPORT_FORMATS` and answers how
many events it wrote. ``write_text`` does the same for the three text formats on
an open stream (standard output, say). Every column and its source is listed
below and in ``docs/exports.md``.

``gdelt``: the 61 tab-separated columns of the GDELT 2.0 Event table, no header,
one line per event, in GDELT's order. GDELT is dyadic and has no status, so a
line is written only for an event that can be placed on a day and that happened
(see :func:`gdelt_skip_reason`); the other formats keep every event.

====  =====================  ====================================================================
 #    column                 detente's value
====  =====================  ====================================================================
 1    GlobalEventID          int of the first 15 hex digits of the event id (after ``ev-``); an
                             id without 15 hex digits: the first 15 hex digits of its SHA-1
 2    Day                    YYYYMMDD of ``date.value``; a month is its first day (2018-07 →
                             20180701), a year its 1 January (2018 → 20180101)
 3    MonthYear              YYYYMM of Day
 4    Year                   YYYY of Day
 5    FractionDate           YYYY + ((MM − 1) × 30 + DD) / 365, 4 decimals, as GDELT's files
 6    Actor1Code             CAMEO-style code of Actor1: country + sector (``USAGOV``); an
                             organisation: sector + its detente code (``IGONATO``)
 7    Actor1Name             the actor's name as detente has it (not upper-cased)
 8    Actor1CountryCode      the actor's ISO 3166 alpha-3 country (CAMEO uses the same codes)
 9    Actor1KnownGroupCode   an organisation's detente code (``NATO``, ``UN``: not CAMEO's
                             ``NAT``, ``UNO``); empty for people and states
10    Actor1EthnicCode       empty (detente codes no ethnicity)
11    Actor1Religion1Code    empty
12    Actor1Religion2Code    empty
13    Actor1Type1Code        the actor's sector (``GOV``, ``MIL``, ``IGO``…)
14    Actor1Type2Code        empty
15    Actor1Type3Code        empty
16-25 Actor2…                as 6-15, for Actor2
26    IsRootEvent            empty (detente keeps no paragraph positions)
27    EventCode              ``cameo``
28    EventBaseCode          the first three digits of ``cameo``
29    EventRootCode          the first two digits of ``cameo``
30    QuadClass              ``quad_class`` (1-4, as GDELT)
31    GoldsteinScale         ``goldstein``
32    NumMentions            number of mentions (every reporting sentence, all articles)
33    NumSources             independent sources as the store counts them (syndicated copies once);
                             outside a store, distinct outlets of the mentions
34    NumArticles            distinct articles (``doc_id``) of the mentions
35    AvgTone                empty (detente measures no tone)
36-43 Actor1Geo_*            empty (detente places the event, not the actors)
44-51 Actor2Geo_*            empty
52    ActionGeo_Type         1 (COUNTRY) when the place is a country; a place the gazetteer
                             (``places.csv``) has as a ``region`` 2 (USSTATE) in the USA, else 5
                             (WORLDSTATE); any other place (city, venue, a name not in the
                             gazetteer) 3 (USCITY) in the USA, else 4 (WORLDCITY); empty when
                             the place has no known country
53    ActionGeo_FullName     place name, then ", country name" unless the place is the country
54    ActionGeo_CountryCode  ISO 3166 alpha-3 (``FIN``), NOT GDELT's FIPS 10-4 (``FI``): three
                             letters, so never mistaken for a FIPS code
55    ActionGeo_ADM1Code     empty
56    ActionGeo_ADM2Code     empty
57    ActionGeo_Lat          ``location.lat`` (empty when unknown, e.g. for a whole country)
58    ActionGeo_Long         ``location.lon``
59    ActionGeo_FeatureID    empty
60    DATEADDED              earliest publication date of the mentions as YYYYMMDD000000
61    SOURCEURL              URL of the first mention that has one (mentions in stored order:
                             earliest published first); empty when none has a URL
====  =====================  ====================================================================

Actor1 is the first source actor and Actor2 the first target actor. When there is
no target and the source holds two or more actors ("the two leaders met"), the
second source actor is Actor2, as CAMEO codes reciprocal actors; further actors
are not in the GDELT line (they are in the other formats).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from detente import __version__
from detente.formats import event_row
from detente.model import Actor, Event, Mention, Place, to_dict

EXPORT_FORMATS = ("gdelt", "plover", "csv", "parquet")
TEXT_FORMATS = ("gdelt", "plover", "csv")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""GDELT 2.0 Event table columns, in the order of its codebook (61)."""

CSV_BASE_COLUMNS: tuple[str, ...] = (
    "date", "type", "cameo", "status", "source", "target", "place", "mentions", "sources", "first_report",
    "date_basis", "evidence", "links", "id",
)  # fmt: skip
"""The columns of ``detente events --format csv`` (``formats.event_row``), first and in the same order."""
CSV_EXTRA_COLUMNS: tuple[str, ...] = (
    "event_type", "mode", "quad_class", "goldstein", "date_granularity", "date_reason",
    "source_ids", "source_countries", "source_sectors", "target_ids", "target_countries", "target_sectors",
    "place_country", "lat", "lon", "articles", "first_url", "first_outlet", "first_published",
    "confidence", "status_reason", "contexts",
)  # fmt: skip
CSV_COLUMNS = CSV_BASE_COLUMNS + CSV_EXTRA_COLUMNS

GEO_COUNTRY, GEO_USSTATE, GEO_USCITY, GEO_WORLDCITY, GEO_WORLDSTATE = 1, 2, 3, 4, 5
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_HEX = re.compile(r"[0-9a-fA-F]{15}")
_CODE3 = re.compile(r"^[A-Z]{3}$")

_ACTOR_STRUCT = "STRUCT(id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR)[]"
_ACTOR_JSON = '[{"id":"VARCHAR","name":"VARCHAR","country":"VARCHAR","sector":"VARCHAR","kind":"VARCHAR"}]'
_LINK_STRUCT = "STRUCT(kind VARCHAR, event_id VARCHAR, date VARCHAR)[]"
_LINK_JSON = '[{"kind":"VARCHAR","event_id":"VARCHAR","date":"VARCHAR"}]'
_STRUCT_JSON = {_ACTOR_STRUCT: _ACTOR_JSON, _LINK_STRUCT: _LINK_JSON}
"""The list-of-struct columns, and the shape ``from_json`` reads each from the JSON text a row holds."""
PARQUET_EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"), ("global_event_id", "BIGINT"), ("type", "VARCHAR"), ("mode", "VARCHAR"),
    ("cameo", "VARCHAR"), ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("status", "VARCHAR"),
    ("status_reason", "VARCHAR"), ("date_value", "VARCHAR"), ("date_granularity", "VARCHAR"),
    ("date_basis", "VARCHAR"), ("date_reason", "VARCHAR"), ("day", "DATE"),
    ("source", _ACTOR_STRUCT), ("target", _ACTOR_STRUCT),
    ("place_name", "VARCHAR"), ("place_country", "VARCHAR"), ("place_lat", "DOUBLE"), ("place_lon", "DOUBLE"),
    ("n_mentions", "INTEGER"), ("n_articles", "INTEGER"), ("n_sources", "INTEGER"),
    ("first_url", "VARCHAR"), ("first_published", "VARCHAR"), ("confidence", "DOUBLE"),
    ("contexts", "VARCHAR[]"), ("links", _LINK_STRUCT),
)  # fmt: skip
"""``events.parquet``: one row per event (see docs/exports.md)."""
PARQUET_MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"), ("ordinal", "INTEGER"), ("doc_id", "VARCHAR"), ("start", "INTEGER"),
    ("end", "INTEGER"), ("sentence", "VARCHAR"), ("url", "VARCHAR"), ("outlet", "VARCHAR"),
    ("published", "VARCHAR"), ("trigger_text", "VARCHAR"), ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
)  # fmt: skip
"""``mentions.parquet``: one row per mention, ``event_id`` joins ``events.id`` (see docs/exports.md)."""
PARQUET_FILES = ("events.parquet", "mentions.parquet")


def export_events(events: Iterable[Event], fmt: str, out: str | Path, *, all_statuses: bool = False) -> int:
    """Write ``events`` to ``out`` in ``fmt`` (one of :data:`EXPORT_FORMATS`); the number of events written.

    ``gdelt``, ``plover`` and ``csv`` write one UTF-8 file at ``out``; ``parquet``
    makes ``out`` a folder (created if needed) holding ``events.parquet`` and
    ``mentions.parquet``. ``gdelt`` writes fewer events than given when some have no
    date or did not happen (:func:`gdelt_skip_reason`); ``all_statuses`` keeps
    planned, hypothetical, cancelled and negated events there too.
    Raises ``ValueError`` for an unknown format.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    out = Path(out)
    if fmt == "parquet":
        return write_parquet(list(events), out)
    newline = "" if fmt == "csv" else "\n"
    with out.open("w", encoding="utf-8", newline=newline) as stream:
        return write_text(events, fmt, stream, all_statuses=all_statuses)


def write_text(events: Iterable[Event], fmt: str, stream: TextIO, *, all_statuses: bool = False) -> int:
    """Write events as ``gdelt``, ``plover`` or ``csv`` to an open text stream; the number written."""
    written = 0
    if fmt == "gdelt":
        for event in events:
            row = gdelt_row(event, all_statuses=all_statuses)
            if row is not None:
                stream.write("\t".join(row) + "\n")
                written += 1
    elif fmt == "plover":
        for event in events:
            stream.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
            written += 1
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(csv_row(event))
            written += 1
    else:
        raise ValueError(f"not a text export format: {fmt!r} (choose from {', '.join(TEXT_FORMATS)})")
    return written


# ---------------------------------------------------------------- shared helpers


def global_event_id(event_id: str) -> int:
    """A stable positive integer (< 16**15, so it fits a signed 64-bit column) for a detente event id.

    ``ev-4a20feb784d624ed`` → ``int("4a20feb784d624e", 16)``; an id without 15
    hex digits after ``ev-`` uses the first 15 hex digits of its SHA-1 instead.
    """
    digits = event_id.removeprefix("ev-")
    if not _HEX.match(digits):
        digits = hashlib.sha1(event_id.encode("utf-8")).hexdigest()
    return int(digits[:15], 16)


def date_parts(value: str | None) -> tuple[int, int, int] | None:
    """Year, month and day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a month is its first day, a year 1 January.

    None for a null or any other value (a season, a decade).
    """
    match = _DATE.match(value or "")
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return year, month, day


def first_day(value: str | None) -> str | None:
    """``YYYY-MM-DD`` of the first day a date value covers (``2018-07`` → ``2018-07-01``), or None."""
    parts = date_parts(value)
    return None if parts is None else "{:04d}-{:02d}-{:02d}".format(*parts)


def first_url(event: Event) -> str | None:
    """The URL of the first mention that has one (mentions as stored: earliest published first)."""
    return next((m.url for m in event.mentions if m.url), None)


def first_published(event: Event) -> str | None:
    """The earliest publication date among the mentions (``YYYY-MM-DD``, the date part only)."""
    dates = sorted(m.published[:10] for m in event.mentions if m.published)
    return dates[0] if dates else None


def count_articles(event: Event) -> int:
    """Distinct articles reporting the event."""
    return len({m.doc_id for m in event.mentions})


def count_sources(event: Event) -> int:
    """Independent sources: the store's count (syndicated copies once) when the event comes from a store,
    else distinct outlets of the mentions (an article without outlet: its URL's host, else itself)."""
    if event.sources is not None:
        return event.sources
    return len({_source_key(m) for m in event.mentions})


def _source_key(mention: Mention) -> str:
    if mention.outlet:
        return "outlet:" + mention.outlet.casefold()
    host = urlsplit(mention.url).hostname if mention.url else None
    if host:
        return "host:" + host.removeprefix("www.")
    return "doc:" + mention.doc_id


@lru_cache(maxsize=1)
def _states() -> dict[str, str]:
    """ISO3 → name of the shipped knowledge base's states (read once, without loading the whole base)."""
    from detente.actors.kb import KB_DIR

    path = KB_DIR / "states.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row["name"] for row in csv.DictReader(handle) if row.get("iso3")}


@lru_cache(maxsize=1)
def _place_kinds() -> dict[str, str]:
    """Name or alias (case-folded) → kind (``city``, ``region``, ``venue``) of the shipped gazetteer's places."""
    from detente.actors.kb import KB_DIR

    path = KB_DIR / "places.csv"
    if not path.exists():
        return {}
    kinds: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in [row.get("name") or "", *(row.get("aliases") or "").split("|")]:
                if name.strip():
                    kinds.setdefault(name.strip().casefold(), row.get("kind") or "")
    return kinds


def is_state_code(code: str | None, actor: Actor | None = None) -> bool:
    """True when ``code`` is a country (ISO3) rather than an organisation's own code (``NATO``, ``UN``)."""
    if not code:
        return False
    if code in _states():
        return True
    return bool(_CODE3.match(code)) and (actor is None or actor.kind != "org")


def _sector(actor: Actor) -> str:
    return actor.sector if actor.sector and _CODE3.match(actor.sector) else ""


def actor_codes(actor: Actor) -> dict[str, str]:
    """CAMEO-style code, country, known group and type of an actor, as GDELT's actor columns hold them."""
    sector = _sector(actor)
    country = actor.country or ""
    if is_state_code(country, actor):
        return {"code": country + sector, "country": country, "group": "", "type": sector}
    if country:
        return {"code": sector + country, "country": "", "group": country, "type": sector}
    return {"code": sector, "country": "", "group": "", "type": sector}


def dyad(event: Event) -> tuple[Actor | None, Actor | None]:
    """Actor1 and Actor2 of the GDELT line: first source and first target (or the second source, if no target)."""
    actor1 = event.source[0] if event.source else None
    if event.target:
        actor2: Actor | None = event.target[0]
    elif len(event.source) > 1:
        actor2 = event.source[1]
    else:
        actor2 = None
    return actor1, actor2


def _clean(value: Any) -> str:
    """A GDELT cell: empty for None, no tabs or line breaks."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if value == value else ""
    return " ".join(str(value).replace("\t", " ").splitlines())


# ---------------------------------------------------------------- gdelt


def gdelt_skip_reason(event: Event, *, all_statuses: bool = False) -> str | None:
    """Why ``event`` gets no GDELT line, or None when it gets one.

    GDELT's Day is required and GDELT has no status column, so an event without a
    date value (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is skipped, and so, unless
    ``all_statuses``, is one whose status is not ``occurred`` (a planned meeting
    written as CAMEO 044 would read as a meeting that took place).
    """
    if date_parts(event.date.value) is None:
        return "no date"
    if not all_statuses and event.status != "occurred":
        return f"status {event.status}"
    return None


def gdelt_row(event: Event, *, all_statuses: bool = False) -> list[str] | None:
    """The 61 cells of the event's GDELT 2.0 line (see the module docstring), or None when it is skipped."""
    if gdelt_skip_reason(event, all_statuses=all_statuses) is not None:
        return None
    parts = date_parts(event.date.value)
    assert parts is not None
    year, month, day = parts
    cells: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    cells["GlobalEventID"] = global_event_id(event.id)
    cells["Day"] = f"{year:04d}{month:02d}{day:02d}"
    cells["MonthYear"] = f"{year:04d}{month:02d}"
    cells["Year"] = f"{year:04d}"
    cells["FractionDate"] = f"{year + ((month - 1) * 30 + day) / 365:.4f}"
    for n, actor in enumerate(dyad(event), start=1):
        if actor is None:
            continue
        codes = actor_codes(actor)
        cells[f"Actor{n}Code"] = codes["code"]
        cells[f"Actor{n}Name"] = actor.name
        cells[f"Actor{n}CountryCode"] = codes["country"]
        cells[f"Actor{n}KnownGroupCode"] = codes["group"]
        cells[f"Actor{n}Type1Code"] = codes["type"]
    cameo = event.cameo or ""
    cells["EventCode"] = cameo
    cells["EventBaseCode"] = cameo[:3]
    cells["EventRootCode"] = cameo[:2]
    cells["QuadClass"] = event.quad_class
    cells["GoldsteinScale"] = event.goldstein
    cells["NumMentions"] = len(event.mentions)
    cells["NumSources"] = count_sources(event)
    cells["NumArticles"] = count_articles(event)
    if event.location is not None:
        cells.update(_action_geo(event.location))
    published = first_published(event)
    if published and date_parts(published):
        cells["DATEADDED"] = published.replace("-", "") + "000000"
    cells["SOURCEURL"] = first_url(event)
    return [_clean(cells[c]) for c in GDELT_COLUMNS]


def _action_geo(place: Place) -> dict[str, Any]:
    states = _states()
    country = place.country if is_state_code(place.country) else None
    country_name = states.get(country or "")
    whole_country = place.name.casefold() in {n.casefold() for n in states.values()} or (
        country_name is not None and place.name.casefold() == country_name.casefold()
    )
    if whole_country:
        geo_type: int | str = GEO_COUNTRY
        full_name = place.name
    else:
        region = _place_kinds().get(place.name.casefold()) == "region"
        us_type, world_type = (GEO_USSTATE, GEO_WORLDSTATE) if region else (GEO_USCITY, GEO_WORLDCITY)
        geo_type = "" if country is None else us_type if country == "USA" else world_type
        full_name = f"{place.name}, {country_name}" if country_name else place.name
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": full_name,
        "ActionGeo_CountryCode": country or "",
        "ActionGeo_Lat": place.lat,
        "ActionGeo_Long": place.lon,
    }


# ---------------------------------------------------------------- plover


def plover_actor(actor: Actor) -> dict[str, Any]:
    """A source or target actor as PLOVER's gold-standard records have it, plus detente's id, name and kind.

    ``code`` is the ISO3 country of a state or person, or an organisation's detente
    code (``NATO``); ``country`` is the ISO3 country only (null for an organisation).
    """
    country = actor.country if is_state_code(actor.country, actor) else None
    return {
        "actorText": actor.name,
        "code": actor.country,
        "sector": actor.sector,
        "name": actor.name,
        "country": country,
        "id": actor.id,
        "kind": actor.kind,
    }


def plover_record(event: Event) -> dict[str, Any]:
    """The event as a PLOVER JSON record, laid out like PLOVER_GSR_CAMEO (fields in docs/exports.md).

    PLOVER fields: ``id``, ``date``, ``source``, ``target``, ``event``, ``mode``,
    ``eventText``, ``text``, ``eventLoc``, ``publication``, ``language``, ``coder``.
    detente's own: ``dateInfo``, ``status``, ``statusReason``, ``cameo``,
    ``quadClass``, ``goldstein``, ``url``, ``urls``, ``sources``, ``numMentions``,
    ``numArticles``, ``mentions``, ``confidence``, ``links``. ``context`` is the event's
    contexts joined by ", " as in the gold records; keys of unknown values are
    null, never left out.
    """
    first = event.mentions[0] if event.mentions else None
    place = event.location
    urls = list(dict.fromkeys(m.url for m in event.mentions if m.url))
    outlets = list(dict.fromkeys(m.outlet for m in event.mentions if m.outlet))
    return {
        "id": event.id,
        "date": event.date.value,
        "dateInfo": {
            "granularity": event.date.granularity,
            "basis": event.date.basis,
            "reason": event.date.reason,
        },
        "source": [plover_actor(a) for a in event.source],
        "target": [plover_actor(a) for a in event.target],
        "event": event.type,
        "mode": event.mode,
        "context": ", ".join(event.contexts) or None,
        "status": event.status,
        "statusReason": event.status_reason or None,
        "cameo": event.cameo,
        "quadClass": event.quad_class,
        "goldstein": event.goldstein,
        "eventText": first.trigger.text if first and first.trigger else None,
        "text": first.sentence if first else None,
        "eventLoc": None
        if place is None
        else {"name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon},
        "publication": first.outlet if first else None,
        "url": first_url(event),
        "urls": urls,
        "sources": outlets,
        "numMentions": len(event.mentions),
        "numArticles": count_articles(event),
        "mentions": [to_dict(m) for m in event.mentions],
        "confidence": event.confidence,
        "links": [dict(link) for link in event.links],
        "language": "en",
        "coder": f"detente {__version__}",
    }


# ---------------------------------------------------------------- csv


def _joined(actors: Sequence[Actor], field: str) -> str:
    return "; ".join(getattr(a, field) or "" for a in actors)


def csv_row(event: Event) -> dict[str, Any]:
    """One CSV row: ``formats.event_row`` (an unknown date empty, not ``?``) and the fields it leaves out."""
    row = event_row(event)
    if event.date.value is None:
        row["date"] = ""
    place = event.location
    first = event.mentions[0] if event.mentions else None
    row.update(
        {
            "event_type": event.type,
            "mode": event.mode or "",
            "quad_class": event.quad_class,
            "goldstein": event.goldstein,
            "date_granularity": event.date.granularity or "",
            "date_reason": event.date.reason,
            "source_ids": _joined(event.source, "id"),
            "source_countries": _joined(event.source, "country"),
            "source_sectors": _joined(event.source, "sector"),
            "target_ids": _joined(event.target, "id"),
            "target_countries": _joined(event.target, "country"),
            "target_sectors": _joined(event.target, "sector"),
            "place_country": (place.country or "") if place else "",
            "lat": "" if place is None or place.lat is None else place.lat,
            "lon": "" if place is None or place.lon is None else place.lon,
            "articles": count_articles(event),
            "first_url": first_url(event) or "",
            "first_outlet": (first.outlet or "") if first else "",
            "first_published": first_published(event) or "",
            "confidence": event.confidence,
            "status_reason": event.status_reason,
            "contexts": "|".join(event.contexts),
        }
    )
    return {c: row.get(c, "") for c in CSV_COLUMNS}


# ---------------------------------------------------------------- parquet


def _actors_json(actors: Sequence[Actor]) -> str:
    return json.dumps([to_dict(a) for a in actors], ensure_ascii=False)


def _parquet_event(event: Event) -> dict[str, Any]:
    place = event.location
    return {
        "id": event.id,
        "global_event_id": global_event_id(event.id),
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "status": event.status,
        "status_reason": event.status_reason or None,
        "date_value": event.date.value,
        "date_granularity": event.date.granularity,
        "date_basis": event.date.basis,
        "date_reason": event.date.reason,
        "day": first_day(event.date.value),
        "source": _actors_json(event.source),
        "target": _actors_json(event.target),
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "n_mentions": len(event.mentions),
        "n_articles": count_articles(event),
        "n_sources": count_sources(event),
        "first_url": first_url(event),
        "first_published": first_published(event),
        "confidence": event.confidence,
        "contexts": json.dumps(event.contexts),
        "links": json.dumps(event.links),
    }


def _parquet_mentions(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event.id,
            "ordinal": i,
            "doc_id": m.doc_id,
            "start": m.start,
            "end": m.end,
            "sentence": m.sentence,
            "url": m.url,
            "outlet": m.outlet,
            "published": m.published,
            "trigger_text": m.trigger.text if m.trigger else None,
            "trigger_start": m.trigger.start if m.trigger else None,
            "trigger_end": m.trigger.end if m.trigger else None,
        }
        for i, m in enumerate(event.mentions)
    ]


def write_parquet(events: Sequence[Event], folder: Path) -> int:
    """``events.parquet`` and ``mentions.parquet`` in ``folder`` (created), written by DuckDB; the number of events."""
    import duckdb
    import pandas as pd

    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} exists and is not a folder (parquet export writes a folder)")
    folder.mkdir(parents=True, exist_ok=True)
    event_rows = [_parquet_event(e) for e in events]
    mention_rows = [row for e in events for row in _parquet_mentions(e)]
    con = duckdb.connect()
    try:
        for table, columns, rows, file in (
            ("events", PARQUET_EVENT_COLUMNS, event_rows, PARQUET_FILES[0]),
            ("mentions", PARQUET_MENTION_COLUMNS, mention_rows, PARQUET_FILES[1]),
        ):
            names = [name for name, _ in columns]
            frame = pd.DataFrame(rows, columns=names, dtype=object)
            con.register("frame", frame)
            con.execute(f"CREATE TABLE {table} ({', '.join(f'{_q(n)} {t}' for n, t in columns)})")
            select = ", ".join(_cast(n, t) for n, t in columns)
            con.execute(f"INSERT INTO {table} SELECT {select} FROM frame")
            con.unregister("frame")
            target = str(folder / file).replace("'", "''")
            con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    return len(event_rows)


def _q(name: str) -> str:
    return '"' + name + '"'


def _cast(name: str, sql_type: str) -> str:
    if sql_type in _STRUCT_JSON:
        return f"from_json(CAST({_q(name)} AS VARCHAR), '{_STRUCT_JSON[sql_type]}')"
    if sql_type == "VARCHAR[]":
        return f"from_json(CAST({_q(name)} AS VARCHAR), '[\"VARCHAR\"]')"
    return f"CAST({_q(name)} AS {sql_type})"
