"""Harvest records in and out of CSV files: a checked, all-or-nothing import, and export."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Crop, CropAlias, Farm, Harvest, Person, Season, now
from dutchfarm.domain.harvest import format_kg, short_date
from dutchfarm.domain.harvest_csv import (
    EXPORT_COLUMNS,
    CsvProblem,
    HarvestFile,
    HarvestRow,
    RowProblem,
    build_crop_index,
    crop_group_key,
    format_csv_number,
    line_ranges,
    match_crop,
    normalise_name,
    parse_harvest_csv,
    quoted,
    singulars,
)
from dutchfarm.domain.terms import Unit, to_grams
from dutchfarm.services.auth import Actor, audit, require_coordinator, require_staff
from dutchfarm.services.errors import BadInput
from dutchfarm.words import _, ngettext

CHUNK = 5_000
# A new crop added by an import grows anywhere, so it never upsets the rotation.
NEW_CROP_GROUP = "anywhere"
NEW_CROP_ICON = "harvest"
PROBLEMS_LISTED = 8
Progress = Callable[[int, int], None]
DupKey = tuple[dt.date, str, float, str, int | None]


@dataclass(frozen=True)
class ImportOptions:
    """The choices a person makes about an import."""

    season_year: int | None = None
    default_unit: Unit | None = None
    create_crops: bool = False
    # A name in the file (normalised) -> the library crop the person chose for it.
    crop_choices: Mapping[str, int] = field(default_factory=dict)
    skip_duplicates: bool = False


@dataclass(frozen=True)
class CropMatch:
    """A crop name in the file and what it became: a library crop, a chosen one, or new."""

    name: str
    key: str
    rows: int
    crop_id: int | None
    crop_name: str | None
    icon: str | None
    # "library" (its own name), "alias" (another name it goes by), "chosen" by the person,
    # "new" (to be added to the library) or "unknown".
    how: str


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, and every reason it cannot yet."""

    file_name: str
    data_rows: int
    harvests: int
    grams: float
    count: float
    bunches: float
    first_day: dt.date | None
    last_day: dt.date | None
    years: tuple[int, ...]
    new_seasons: tuple[int, ...]
    crops: tuple[CropMatch, ...]
    problems: tuple[RowProblem, ...]
    missing_unit_lines: tuple[int, ...]
    defaulted_units: int
    duplicates: int
    skipped_duplicates: int
    unknown_beds: tuple[str, ...]
    unknown_people: tuple[str, ...]

    @property
    def unknown_crops(self) -> tuple[str, ...]:
        """Return the crop names in the file that match nothing and are not to be created."""
        return tuple(c.name for c in self.crops if c.how == "unknown")

    @property
    def ready(self) -> bool:
        """Return True when nothing stops the import."""
        return not (self.problems or self.unknown_crops or self.missing_unit_lines)

    def refusal(self) -> str:
        """Return why the import cannot go ahead, in plain words (empty when it can)."""
        reasons = []
        if self.problems:
            shown = "; ".join(
                _("line {line}: {reason}").format(line=p.line, reason=p.reason)
                for p in self.problems[:PROBLEMS_LISTED]
            )
            more = len(self.problems) - PROBLEMS_LISTED
            reasons.append(
                _("{problems} cannot be read ({shown}").format(
                    problems=_rows(len(self.problems)), shown=shown
                )
                + (_("; and {more} more").format(more=more) if more > 0 else "")
                + ")"
            )
        if self.unknown_crops:
            names = ", ".join(quoted(name) for name in self.unknown_crops[:PROBLEMS_LISTED])
            more = len(self.unknown_crops) - PROBLEMS_LISTED
            reasons.append(
                _("these crops are not in the crop library: {names}").format(names=names)
                + (_(" and {more} more").format(more=more) if more > 0 else "")
            )
        if self.missing_unit_lines:
            reasons.append(
                _(
                    "{missing_unit_lines} {missing_unit_lines2} no unit (line{0} "
                    "{missing_unit_lines3})"
                ).format(
                    "s" if len(self.missing_unit_lines) > 1 else "",
                    missing_unit_lines=_rows(len(self.missing_unit_lines)),
                    missing_unit_lines2=_have(len(self.missing_unit_lines)),
                    missing_unit_lines3=line_ranges(self.missing_unit_lines),
                )
            )
        if not reasons:
            return ""
        return _("Nothing was imported: ") + "; ".join(reasons) + "."

    def summary(self) -> str:
        """Return what the import brings in, in one sentence."""
        if not self.harvests:
            return _("{file_name} has no harvests to import.").format(file_name=self.file_name)
        seasons = " and ".join(str(year) for year in self.years)
        amounts = [format_kg(self.grams)]
        if self.count:
            amounts.append(_("{count} counted").format(count=format_csv_number(self.count)))
        if self.bunches:
            amounts.append(_("{bunches} bunches").format(bunches=format_csv_number(self.bunches)))
        days = (
            _(", from {first_day} to {last_day}").format(
                first_day=short_date(self.first_day), last_day=short_date(self.last_day)
            )
            if (self.first_day and self.last_day)
            else ""
        )
        return ngettext(
            "{harvests:,} harvest ({amounts}){days}, in the {seasons} season{0}.",
            "{harvests:,} harvests ({amounts}){days}, in the {seasons} season{0}.",
            self.harvests,
        ).format(
            "s" if len(self.years) > 1 else "",
            harvests=self.harvests,
            amounts=", ".join(amounts),
            days=days,
            seasons=seasons,
        )

    def duplicates_warning(self) -> str:
        """Return the warning about rows already in the log (empty when there are none)."""
        if not self.duplicates:
            return ""
        left = (
            _(" They are left out.")
            if self.skipped_duplicates
            else _(" Importing them again counts them twice.")
        )
        return ngettext(
            "{duplicates2} is the same as harvests already in the log (same date, "
            "crop, quantity, unit and bed).{left}",
            "{duplicates2} are the same as harvests already in the log (same date, "
            "crop, quantity, unit and bed).{left}",
            self.duplicates,
        ).format(duplicates2=_rows(self.duplicates), left=left)

    def warnings(self) -> list[str]:
        """Return what the person should know, though it does not stop the import."""
        return ([self.duplicates_warning()] if self.duplicates else []) + self.notes()

    def notes(self) -> list[str]:
        """Return what the import does besides adding harvests: names matched, new crops, …"""
        found = []
        if self.defaulted_units:
            found.append(
                _("{defaulted_units} had no unit and are taken as the unit chosen.").format(
                    defaulted_units=_rows(self.defaulted_units)
                )
            )
        renamed = [c for c in self.crops if c.how in ("alias", "chosen")]
        if renamed:
            pairs = ", ".join(f"{c.name} -> {c.crop_name}" for c in renamed)
            found.append(_("Names matched to the crop library: {pairs}.").format(pairs=pairs))
        new = [c.name for c in self.crops if c.how == "new"]
        if new:
            found.append(
                _("New crops will be added to the library: {new}.").format(new=", ".join(new))
            )
        if self.new_seasons:
            found.append(
                _("New seasons will start: {0}.").format(", ".join(map(str, self.new_seasons)))
            )
        if self.unknown_beds:
            found.append(
                _(
                    "These beds are not on the farm, so those harvests have no bed: {unknown_beds}."
                ).format(unknown_beds=", ".join(self.unknown_beds))
            )
        if self.unknown_people:
            found.append(
                _(
                    "These people are not on the list, so those harvests were picked by "
                    "'someone': {unknown_people}."
                ).format(unknown_people=", ".join(self.unknown_people))
            )
        return found


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    plan: ImportPlan
    imported: int
    dry_run: bool
    first_id: int | None = None
    last_id: int | None = None
    created_crops: tuple[str, ...] = ()


class ImportRefused(BadInput):
    """An import that cannot go ahead; ``plan`` says every reason."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(plan.refusal())
        self.plan = plan


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    rows: int
    grams: float


def _have(number: int) -> str:
    return ngettext(
        "has",
        "have",
        number,
    )


def _rows(number: int) -> str:
    return ngettext(
        "{number:,} row",
        "{number:,} rows",
        number,
    ).format(number=number)


def read_harvest_file(path: Path | str) -> HarvestFile:
    """Read and check a harvest CSV file (UTF-8, or Windows text from older spreadsheets)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BadInput(
            _("Dutch Farm could not open {name}: {0}.").format(
                error.strerror or error, name=path.name
            )
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        return parse_harvest_csv(text)
    except CsvProblem as error:
        raise BadInput(f"{path.name}: {error}") from error


@dataclass
class _Prepared:
    plan: ImportPlan
    rows: list[tuple[HarvestRow, str, Unit, int | None, int | None, int]]
    new_crops: dict[str, tuple[str, Unit]]


def _crop_index(session: Session) -> tuple[dict[str, int], dict[int, Crop]]:
    crops = {crop.id: crop for crop in session.scalars(select(Crop))}
    names: dict[int, list[str]] = {
        crop.id: [crop.name, crop.plural, crop.key] for crop in crops.values()
    }
    for crop_id, alias in session.execute(select(CropAlias.crop_id, CropAlias.alias)):
        names[crop_id].append(alias)
    return build_crop_index(names.items()), crops


def _plainly(key: str, crop: Crop) -> bool:
    """Return True when a name is the crop's own name or plural in another case or number."""
    own = {normalise_name(crop.name), normalise_name(crop.plural)}
    return key in own or any(form in own for form in singulars(key))


def _name_index(pairs: list[tuple[int, str]]) -> dict[str, int]:
    index: dict[str, int] = {}
    for item_id, name in pairs:
        index.setdefault(normalise_name(name), item_id)
    return index


def _bed_id(name: str, beds: Mapping[str, int]) -> int | None:
    key = normalise_name(name)
    if key in beds:
        return beds[key]
    return beds.get(f"bed {key}") if key.isdigit() else None


def _prepare(
    session: Session, parsed: HarvestFile, options: ImportOptions, file_name: str
) -> _Prepared:
    index, crops = _crop_index(session)
    beds = _name_index([(i, n) for i, n in session.execute(select(Bed.id, Bed.name))])
    people = _name_index(
        [(i, n) for i, n in session.execute(select(Person.id, Person.display_name))]
    )
    matches: dict[str, CropMatch] = {}
    spellings: dict[str, str] = {}
    counts: Counter[str] = Counter()
    resolved: dict[str, str] = {}
    for row in parsed.rows:
        key = normalise_name(row.crop)
        counts[key] += 1
        spellings.setdefault(key, row.crop.strip())
    for key, name in spellings.items():
        crop_id = match_crop(name, index)
        how = "library"
        if key in options.crop_choices and options.crop_choices[key] in crops:
            crop_id, how = options.crop_choices[key], "chosen"
        if crop_id is not None:
            crop = crops[crop_id]
            if how == "library" and not _plainly(key, crop):
                how = "alias"
            matches[key] = CropMatch(name, key, counts[key], crop_id, crop.name, crop.icon, how)
            resolved[key] = f"id:{crop_id}"
        elif options.create_crops:
            matches[key] = CropMatch(name, key, counts[key], None, None, NEW_CROP_ICON, "new")
            resolved[key] = f"new:{crop_group_key(name)}"
        else:
            matches[key] = CropMatch(name, key, counts[key], None, None, None, "unknown")
    missing: list[int] = []
    defaulted = 0
    rows: list[tuple[HarvestRow, str, Unit, int | None, int | None, int]] = []
    unknown_beds: dict[str, None] = {}
    unknown_people: dict[str, None] = {}
    new_units: dict[str, Counter[Unit]] = {}
    for row in parsed.rows:
        unit = row.unit
        if unit is None:
            if options.default_unit is None:
                missing.append(row.line)
                continue
            unit, defaulted = options.default_unit, defaulted + 1
        target = resolved.get(normalise_name(row.crop))
        if target is None:
            continue
        bed_id = _bed_id(row.bed, beds) if row.bed else None
        if row.bed and bed_id is None:
            unknown_beds[row.bed] = None
        person_id = people.get(normalise_name(row.picked_by)) if row.picked_by else None
        if row.picked_by and person_id is None and normalise_name(row.picked_by) != "someone":
            unknown_people[row.picked_by] = None
        year = options.season_year or row.day.year
        if target.startswith("new:"):
            new_units.setdefault(target, Counter())[unit] += 1
        rows.append((row, target, unit, bed_id, person_id, year))
    duplicates, rows = _duplicates(session, rows, options.skip_duplicates)
    new_crops = {
        target: (_new_crop_name(target, spellings), units.most_common(1)[0][0])
        for target, units in new_units.items()
    }
    known_years = set(session.scalars(select(Season.year)))
    years = sorted({year for *_, year in rows})
    weights = [to_grams(row.quantity, unit) for row, _, unit, *_ in rows]
    days = [row.day for row, *_ in rows]
    plan = ImportPlan(
        file_name=file_name,
        data_rows=parsed.data_rows,
        harvests=len(rows),
        grams=sum(w for w in weights if w is not None),
        count=sum(r.quantity for r, _, u, *_ in rows if u is Unit.COUNT),
        bunches=sum(r.quantity for r, _, u, *_ in rows if u is Unit.BUNCH),
        first_day=min(days, default=None),
        last_day=max(days, default=None),
        years=tuple(years),
        new_seasons=tuple(year for year in years if year not in known_years),
        crops=tuple(sorted(matches.values(), key=lambda c: c.name.casefold())),
        problems=parsed.problems,
        missing_unit_lines=tuple(missing),
        defaulted_units=defaulted,
        duplicates=duplicates[0],
        skipped_duplicates=duplicates[1],
        unknown_beds=tuple(unknown_beds),
        unknown_people=tuple(unknown_people),
    )
    return _Prepared(plan, rows, new_crops)


def _new_crop_name(target: str, spellings: Mapping[str, str]) -> str:
    group = target.removeprefix("new:")
    names = [name for key, name in spellings.items() if crop_group_key(key) == group]
    # The shortest spelling is usually the singular ("Pumpkin" rather than "pumpkins").
    name = min(names, key=lambda n: (len(n), n)) if names else group
    return (name[:1].upper() + name[1:])[:60]


def _dup_key(day: dt.date, crop: str, quantity: float, unit: Unit, bed_id: int | None) -> DupKey:
    return (day, crop, round(quantity, 6), unit.value, bed_id)


def _duplicates(
    session: Session,
    rows: list[tuple[HarvestRow, str, Unit, int | None, int | None, int]],
    skip: bool,
) -> tuple[tuple[int, int], list[tuple[HarvestRow, str, Unit, int | None, int | None, int]]]:
    if not rows:
        return (0, 0), rows
    first = min(row.day for row, *_ in rows)
    last = max(row.day for row, *_ in rows)
    existing: Counter[DupKey] = Counter(
        _dup_key(day, f"id:{crop_id}", quantity, unit, bed_id)
        for day, crop_id, quantity, unit, bed_id in session.execute(
            select(
                Harvest.day, Harvest.crop_id, Harvest.quantity, Harvest.unit, Harvest.bed_id
            ).where(Harvest.day.between(first, last))
        )
    )
    if not existing:
        return (0, 0), rows
    kept = []
    found = 0
    for item in rows:
        row, target, unit, bed_id, *_ = item
        key = _dup_key(row.day, target, row.quantity, unit, bed_id)
        if existing[key] > 0:
            existing[key] -= 1
            found += 1
            if skip:
                continue
        kept.append(item)
    return (found, found if skip else 0), kept


def plan_import(
    db: Database, actor: Actor, parsed: HarvestFile, options: ImportOptions, file_name: str = ""
) -> ImportPlan:
    """Return what importing ``parsed`` with ``options`` would do, changing nothing."""
    with db.reading() as session:
        require_staff(session, actor, _("import harvests"))
        return _prepare(session, parsed, options, file_name).plan


def _create_crops(session: Session, new: Mapping[str, tuple[str, Unit]]) -> dict[str, int]:
    keys = set(session.scalars(select(Crop.key)))
    made: dict[str, int] = {}
    for target, (name, unit) in new.items():
        base = re.sub(r"[^a-z0-9]+", "_", normalise_name(name)).strip("_")[:30] or "crop"
        key, number = base, 2
        while key in keys:
            key, number = f"{base}_{number}", number + 1
        keys.add(key)
        crop = Crop(
            key=key,
            name=name,
            plural=name,
            family="Not known",
            group_id=NEW_CROP_GROUP,
            perennial=False,
            sow_months=0,
            harvest_months=0,
            unit=unit,
            icon=NEW_CROP_ICON,
            archived=False,
        )
        session.add(crop)
        session.flush()
        made[target] = crop.id
    return made


def _season_ids(session: Session, years: tuple[int, ...]) -> dict[int, int]:
    seasons = {s.year: s.id for s in session.scalars(select(Season).where(Season.year.in_(years)))}
    farm = session.get(Farm, 1)
    for year in years:
        if year not in seasons:
            season = Season(
                year=year,
                rotation_years=farm.rotation_years if farm else 3,
                started_on=dt.date(year, 1, 1),
            )
            session.add(season)
            session.flush()
            seasons[year] = season.id
    return seasons


def import_harvests(
    db: Database,
    actor: Actor,
    parsed: HarvestFile,
    options: ImportOptions,
    *,
    file_name: str = "",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import every row of a harvest file in one transaction, or nothing at all.

    Raises ImportRefused, listing every reason, when any row cannot be imported.
    """
    with db.transaction() as session:
        require_staff(session, actor, _("import harvests"))
        prepared = _prepare(session, parsed, options, file_name)
        plan = prepared.plan
        if not plan.ready:
            raise ImportRefused(plan)
        if dry_run or not prepared.rows:
            return ImportResult(plan, 0, dry_run)
        crop_ids = _create_crops(session, prepared.new_crops)
        season_ids = _season_ids(session, plan.years)
        before = session.scalar(select(func.max(Harvest.id))) or 0
        stamp = now()
        total = len(prepared.rows)
        if progress:
            progress(0, total)
        for start in range(0, total, CHUNK):
            chunk = prepared.rows[start : start + CHUNK]
            session.execute(
                # Core's insert of the table: many times faster than the ORM's for this.
                insert(cast(Table, Harvest.__table__)),
                [
                    {
                        "season_id": season_ids[year],
                        "day": row.day,
                        "crop_id": crop_ids[target] if target in crop_ids else int(target[3:]),
                        "bed_id": bed_id,
                        "variety": row.variety[:80] if row.variety else None,
                        "quantity": row.quantity,
                        "unit": unit,
                        "grams": to_grams(row.quantity, unit),
                        "picked_by_id": person_id,
                        "imported": True,
                        "created_at": stamp,
                    }
                    for row, target, unit, bed_id, person_id, year in chunk
                ],
            )
            if progress:
                progress(min(start + CHUNK, total), total)
        last = session.scalar(select(func.max(Harvest.id))) or before
        audit(session, actor, "harvests_imported", f"{total} from {file_name}".strip())
        created = tuple(name for name, _ in prepared.new_crops.values())
        return ImportResult(plan, total, False, before + 1, last, created)


def undo_import(db: Database, actor: Actor, first_id: int, last_id: int) -> int:
    """Take out the harvests one import brought in (to undo it); return how many."""
    with db.transaction() as session:
        require_staff(session, actor, _("undo an import"))
        result = session.execute(
            delete(Harvest).where(Harvest.id.between(first_id, last_id), Harvest.imported.is_(True))
        )
        removed = int(getattr(result, "rowcount", 0) or 0)
        audit(session, actor, "harvest_import_undone", f"{removed} harvests")
        return removed


def export_harvests(
    db: Database, actor: Actor, path: Path | str, season_year: int | None = None
) -> ExportResult:
    """Write the harvests (of one season, or all) to a CSV file anyone's spreadsheet opens."""
    path = Path(path)
    with db.reading() as session:
        require_coordinator(session, actor, _("export the harvest log"))
        query = (
            select(
                Harvest.day,
                Crop.name,
                Harvest.variety,
                Bed.name,
                Harvest.quantity,
                Harvest.unit,
                Harvest.grams,
                Person.display_name,
            )
            .join(Crop, Harvest.crop_id == Crop.id)
            .join(Season, Harvest.season_id == Season.id)
            .outerjoin(Bed, Harvest.bed_id == Bed.id)
            .outerjoin(Person, Harvest.picked_by_id == Person.id)
            .order_by(Harvest.day, Harvest.id)
        )
        if season_year is not None:
            if session.scalar(select(Season.id).where(Season.year == season_year)) is None:
                raise BadInput(
                    _("There is no {season_year} season.").format(season_year=season_year)
                )
            query = query.where(Season.year == season_year)
        rows = session.execute(query).all()
    grams = 0.0
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(EXPORT_COLUMNS)
            for day, crop, variety, bed, quantity, unit, weight, person in rows:
                grams += weight or 0.0
                writer.writerow(
                    (
                        day.isoformat(),
                        crop,
                        variety or "",
                        bed or "",
                        format_csv_number(quantity),
                        unit.value,
                        format_csv_number(weight),
                        person or "",
                    )
                )
    except OSError as error:
        raise BadInput(
            _("Dutch Farm could not write {name}: {0}.").format(
                error.strerror or error, name=path.name
            )
        ) from error
    return ExportResult(path, len(rows), grams)
