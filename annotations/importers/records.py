from dataclasses import dataclass, field


@dataclass
class Record:
    """One input record: its line (or record) number, and its fields or the
    reason it could not be read."""

    number: int
    fields: dict = field(default_factory=dict)
    error: str = ""
