"""Qt-free data layer over SQLite: records, migrations, queries and writes."""

from db.records import Answer, Reference, Synonym, TopicCount
from db.store import ContentStore, StoreError

__all__ = ["Answer", "Reference", "Synonym", "TopicCount", "ContentStore", "StoreError"]
