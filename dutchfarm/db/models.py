"""The Dutch Farm data model: typed SQLAlchemy tables for everything the farm records."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from dutchfarm.domain.terms import (
    BallotMethod,
    BallotStatus,
    DiaryAction,
    Effort,
    PlantingStatus,
    Repeat,
    Role,
    Unit,
)

# Named constraints keep Alembic's migrations the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> dt.datetime:
    """Return the local time without microseconds, as stored in every ``created_at``."""
    return dt.datetime.now().replace(microsecond=0)


def _enum(kind: type[enum.Enum], name: str) -> Enum:
    # Stored as short text with a CHECK constraint rather than a native enum, so that
    # adding a value later is a plain migration on both SQLite and PostgreSQL.
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [member.value for member in members],
    )


class Base(DeclarativeBase):
    """The declarative base of every Dutch Farm table."""

    metadata = MetaData(naming_convention=NAMING)


class Farm(Base):
    """The farm itself: its name and the rotation length it keeps to (one row)."""

    __tablename__ = "farm"
    __table_args__ = (
        CheckConstraint("rotation_years BETWEEN 2 AND 6", name="rotation_years"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    rotation_years: Mapped[int] = mapped_column(Integer, default=3)


class RotationGroup(Base):
    """A crop rotation group (RHS): legumes, brassicas, potatoes, onions, roots, …."""

    __tablename__ = "rotation_group"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    colour: Mapped[str] = mapped_column(String(7))
    icon: Mapped[str] = mapped_column(String(40))
    in_rotation: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)


class Crop(Base):
    """A crop in the library, with what the rotation and the calendar need to know."""

    __tablename__ = "crop"
    __table_args__ = (
        CheckConstraint("sow_months BETWEEN 0 AND 4095", name="sow_months"),
        CheckConstraint("harvest_months BETWEEN 0 AND 4095", name="harvest_months"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    plural: Mapped[str] = mapped_column(String(60))
    family: Mapped[str] = mapped_column(String(40))
    group_id: Mapped[str] = mapped_column(ForeignKey("rotation_group.id"))
    perennial: Mapped[bool] = mapped_column(Boolean, default=False)
    # Months are kept as 12-bit masks (bit 0 = January): see domain.terms.months_to_mask.
    sow_months: Mapped[int] = mapped_column(Integer, default=0)
    harvest_months: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[Unit] = mapped_column(_enum(Unit, "unit"))
    icon: Mapped[str] = mapped_column(String(40))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    group: Mapped[RotationGroup] = relationship()
    aliases: Mapped[list[CropAlias]] = relationship(
        back_populates="crop", cascade="all, delete-orphan"
    )


class CropAlias(Base):
    """Another name a crop goes by in people's spreadsheets (lower case): 'zucchini'."""

    __tablename__ = "crop_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(60), unique=True)
    crop_id: Mapped[int] = mapped_column(ForeignKey("crop.id", ondelete="CASCADE"), index=True)

    crop: Mapped[Crop] = relationship(back_populates="aliases")


person_cannot = Table(
    "person_cannot",
    Base.metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("task_type_id", ForeignKey("task_type.id", ondelete="CASCADE"), primary_key=True),
)

person_likes = Table(
    "person_likes",
    Base.metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("task_type_id", ForeignKey("task_type.id", ondelete="CASCADE"), primary_key=True),
)


class Person(Base):
    """Someone who works the allotment; only what the farm needs (no health or address)."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("length(display_name) > 0", name="name_not_empty"),
        CheckConstraint("pin_failures >= 0", name="pin_failures"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    colour: Mapped[str] = mapped_column(String(7))
    # One of the bundled avatar pictures, used when there is no photo.
    avatar: Mapped[str | None] = mapped_column(String(40))
    # A small PNG (at most 256 px), kept in the database so every PC of a site sees it.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary)
    needs_support: Mapped[bool] = mapped_column(Boolean, default=False)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    pin_failures: Mapped[int] = mapped_column(Integer, default=0)
    pin_locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    cannot: Mapped[list[TaskType]] = relationship(secondary=person_cannot, order_by="TaskType.id")
    likes: Mapped[list[TaskType]] = relationship(secondary=person_likes, order_by="TaskType.id")


class Bed(Base):
    """A raised bed, drawn to scale on the map; a bed with no owner is shared."""

    __tablename__ = "bed"
    __table_args__ = (
        CheckConstraint("width > 0 AND length > 0", name="size_positive"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    # Position of the top-left corner and size, in metres.
    x: Mapped[float] = mapped_column(Float, default=0.0)
    y: Mapped[float] = mapped_column(Float, default=0.0)
    width: Mapped[float] = mapped_column(Float, default=1.2)
    length: Mapped[float] = mapped_column(Float, default=2.4)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    owner: Mapped[Person | None] = relationship()


class Season(Base):
    """A growing year, with the rotation length that holds for it."""

    __tablename__ = "season"
    __table_args__ = (
        CheckConstraint("rotation_years BETWEEN 2 AND 6", name="rotation_years"),
        CheckConstraint("year BETWEEN 1900 AND 2999", name="year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    rotation_years: Mapped[int] = mapped_column(Integer, default=3)
    started_on: Mapped[dt.date] = mapped_column(Date)


class SeasonCrop(Base):
    """A crop the group chose for a season (from a closed vote, or by hand), in order."""

    __tablename__ = "season_crop"

    season_id: Mapped[int] = mapped_column(
        ForeignKey("season.id", ondelete="CASCADE"), primary_key=True
    )
    crop_id: Mapped[int] = mapped_column(ForeignKey("crop.id"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)


class Planting(Base):
    """A crop in a bed in a season: planned, growing, finished or failed."""

    __tablename__ = "planting"
    __table_args__ = (Index("ix_planting_bed_season", "bed_id", "season_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"), index=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("bed.id", ondelete="CASCADE"))
    crop_id: Mapped[int] = mapped_column(ForeignKey("crop.id"))
    variety: Mapped[str | None] = mapped_column(String(80))
    sown_on: Mapped[dt.date | None] = mapped_column(Date)
    planted_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[PlantingStatus] = mapped_column(_enum(PlantingStatus, "planting_status"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    crop: Mapped[Crop] = relationship()
    bed: Mapped[Bed] = relationship()
    season: Mapped[Season] = relationship()


class DiaryEntry(Base):
    """One thing done to a bed ("I watered"), by whom and when."""

    __tablename__ = "diary_entry"
    __table_args__ = (
        Index("ix_diary_entry_bed_day", "bed_id", "day"),
        # Who took part in a season (the season report).
        Index("ix_diary_entry_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("bed.id", ondelete="CASCADE"))
    # Left empty when the person is erased: the entry stays, done by "someone".
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    planting_id: Mapped[int | None] = mapped_column(
        ForeignKey("planting.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[DiaryAction] = mapped_column(_enum(DiaryAction, "diary_action"))
    day: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class TaskType(Base):
    """A kind of job on the rota (watering, compost, …), with its picture and effort."""

    __tablename__ = "task_type"
    __table_args__ = (CheckConstraint("length(name) > 0", name="name_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    icon: Mapped[str] = mapped_column(String(40))
    effort: Mapped[Effort] = mapped_column(_enum(Effort, "effort"))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class RecurringJob(Base):
    """A job that comes back: every day, on given weekdays, or weekly."""

    __tablename__ = "recurring_job"
    __table_args__ = (
        CheckConstraint("people_needed >= 1", name="people_needed"),
        CheckConstraint("weekdays BETWEEN 0 AND 127", name="weekdays"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_type_id: Mapped[int] = mapped_column(ForeignKey("task_type.id"))
    bed_id: Mapped[int | None] = mapped_column(ForeignKey("bed.id", ondelete="SET NULL"))
    people_needed: Mapped[int] = mapped_column(Integer, default=1)
    repeat: Mapped[Repeat] = mapped_column(_enum(Repeat, "repeat"))
    # Bit 0 = Monday; used by "weekdays" (several days) and "weekly" (one day).
    weekdays: Mapped[int] = mapped_column(Integer, default=0)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Attendance(Base):
    """Someone was in on a day."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("day", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )


class Job(Base):
    """A job on one day's list, from a recurring job or added once."""

    __tablename__ = "job"
    __table_args__ = (
        CheckConstraint("people_needed >= 1", name="people_needed"),
        UniqueConstraint("day", "recurring_job_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    task_type_id: Mapped[int] = mapped_column(ForeignKey("task_type.id"), index=True)
    bed_id: Mapped[int | None] = mapped_column(ForeignKey("bed.id", ondelete="SET NULL"))
    # The crop a job is for, when it names one: "Sowing seeds: carrots in Bed 7".
    crop_id: Mapped[int | None] = mapped_column(ForeignKey("crop.id", ondelete="SET NULL"))
    people_needed: Mapped[int] = mapped_column(Integer, default=1)
    recurring_job_id: Mapped[int | None] = mapped_column(
        ForeignKey("recurring_job.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(String(200))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)

    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="Assignment.id"
    )


class Assignment(Base):
    """A person on a job, with the reason the rota gave (or that it was moved by hand)."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("job_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"))
    # Left empty when the person is erased: the job stays done, by "someone".
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str | None] = mapped_column(Text)
    by_hand: Mapped[bool] = mapped_column(Boolean, default=False)

    job: Mapped[Job] = relationship(back_populates="assignments")


class Ballot(Base):
    """A crop vote for a season: the question, the crops, the method and its state."""

    __tablename__ = "ballot"
    __table_args__ = (
        CheckConstraint("seats >= 1", name="seats"),
        CheckConstraint("dots_per_voter >= 1", name="dots_per_voter"),
        CheckConstraint("cap_per_option IS NULL OR cap_per_option >= 1", name="cap"),
        CheckConstraint("length(question) > 0", name="question_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"), index=True)
    question: Mapped[str] = mapped_column(String(200))
    method: Mapped[BallotMethod] = mapped_column(_enum(BallotMethod, "ballot_method"))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    dots_per_voter: Mapped[int] = mapped_column(Integer, default=3)
    cap_per_option: Mapped[int | None] = mapped_column(Integer)
    fair_shares: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[BallotStatus] = mapped_column(_enum(BallotStatus, "ballot_status"))
    # A quick run-off on tied crops points at the ballot it settles.
    runoff_of_id: Mapped[int | None] = mapped_column(ForeignKey("ballot.id", ondelete="SET NULL"))
    # When the coordinator settles a tie by decision, the reason is kept with the ballot.
    decision: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    options: Mapped[list[BallotOption]] = relationship(
        back_populates="ballot", cascade="all, delete-orphan", order_by="BallotOption.position"
    )


class BallotOption(Base):
    """A crop on a ballot, as a picture card."""

    __tablename__ = "ballot_option"
    __table_args__ = (UniqueConstraint("ballot_id", "crop_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"))
    crop_id: Mapped[int] = mapped_column(ForeignKey("crop.id"))
    position: Mapped[int] = mapped_column(Integer)

    ballot: Mapped[Ballot] = relationship(back_populates="options")
    crop: Mapped[Crop] = relationship()


class Vote(Base):
    """One anonymous vote: no person, no time, and a random id.

    The table is stored in the order of its random key (``WITHOUT ROWID`` on SQLite), so
    not even the order of the rows can be matched against the has-voted record.
    """

    __tablename__ = "vote"
    __table_args__ = {"sqlite_with_rowid": False}

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"), index=True)

    marks: Mapped[list[VoteMark]] = relationship(cascade="all, delete-orphan")


class VoteMark(Base):
    """What one vote gave one crop: dots, a yes (1), a rank (1 = favourite) or hands."""

    __tablename__ = "vote_mark"
    __table_args__ = (
        CheckConstraint("value >= 0", name="value_not_negative"),
        {"sqlite_with_rowid": False},
    )

    vote_id: Mapped[str] = mapped_column(
        ForeignKey("vote.id", ondelete="CASCADE"), primary_key=True
    )
    option_id: Mapped[int] = mapped_column(
        ForeignKey("ballot_option.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[int] = mapped_column(Integer)


class HasVoted(Base):
    """That a person has voted on a ballot, and nothing about how."""

    __tablename__ = "has_voted"
    __table_args__ = {"sqlite_with_rowid": False}

    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("ballot.id", ondelete="CASCADE"), primary_key=True
    )
    # What is kept about a person lists the votes they took part in.
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Harvest(Base):
    """Something picked: how much, of what, from which bed, and by whom."""

    __tablename__ = "harvest"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        # Weights always carry grams; counts and bunches never do, so they are never summed
        # with weights by mistake.
        CheckConstraint(
            "(unit IN ('g', 'kg') AND grams IS NOT NULL AND grams > 0)"
            " OR (unit IN ('count', 'bunch') AND grams IS NULL)",
            name="grams_match_unit",
        ),
        # A season's log in date order; with the grams, this season against earlier ones
        # reads the index alone.
        Index("ix_harvest_season_day_grams", "season_id", "day", "grams"),
        Index("ix_harvest_season_crop", "season_id", "crop_id"),
        # One bed's or one person's harvests, in a season or in all of them (their charts,
        # what is kept about a person); these also keep erasing a person or a bed quick.
        Index("ix_harvest_bed_season", "bed_id", "season_id"),
        Index("ix_harvest_picker_season", "picked_by_id", "season_id"),
        # Every season's log newest first, the export, and the import's duplicate check.
        Index("ix_harvest_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("season.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    crop_id: Mapped[int] = mapped_column(ForeignKey("crop.id"))
    bed_id: Mapped[int | None] = mapped_column(ForeignKey("bed.id", ondelete="SET NULL"))
    variety: Mapped[str | None] = mapped_column(String(80))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[Unit] = mapped_column(_enum(Unit, "unit"))
    grams: Mapped[float | None] = mapped_column(Float)
    # Left empty when the person is erased: the harvest stays in the totals, by "someone".
    picked_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now)


class Wish(Base):
    """A crop a person would like to grow in their own bed in a given year."""

    __tablename__ = "wish"
    __table_args__ = (
        UniqueConstraint("person_id", "crop_id", "year"),
        CheckConstraint("year BETWEEN 1900 AND 2999", name="year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    crop_id: Mapped[int] = mapped_column(ForeignKey("crop.id"))
    year: Mapped[int] = mapped_column(Integer, index=True)


class AuditEvent(Base):
    """An admin action, kept so the coordinator can see who changed what."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")
