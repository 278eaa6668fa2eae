"""Full-text search structures, one per database engine.

PostgreSQL: the `pmvt_french` text search configuration (French stemming after unaccent) and a
GIN index on Offer.search_vector.
SQLite: a document table (text already folded and stemmed in Python) and an FTS5 index over
it as external content, kept in sync by triggers on the document table.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'pmvt_french') THEN
            CREATE TEXT SEARCH CONFIGURATION pmvt_french (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION pmvt_french
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    "CREATE INDEX IF NOT EXISTS catalog_offer_search_gin ON catalog_offer USING gin (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS catalog_offer_search_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS pmvt_french",
]

SQLITE_FORWARD = [
    """
    CREATE TABLE IF NOT EXISTS catalog_offer_search_doc (
        offer_id INTEGER PRIMARY KEY REFERENCES catalog_offer (id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        keywords TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS catalog_offer_fts USING fts5(
        name, keywords, description,
        content='catalog_offer_search_doc', content_rowid='offer_id',
        tokenize="unicode61 remove_diacritics 2"
    )
    """,
    """
    CREATE TRIGGER IF NOT EXISTS catalog_offer_search_doc_ai
    AFTER INSERT ON catalog_offer_search_doc BEGIN
        INSERT INTO catalog_offer_fts (rowid, name, keywords, description)
        VALUES (new.offer_id, new.name, new.keywords, new.description);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS catalog_offer_search_doc_ad
    AFTER DELETE ON catalog_offer_search_doc BEGIN
        INSERT INTO catalog_offer_fts (catalog_offer_fts, rowid, name, keywords, description)
        VALUES ('delete', old.offer_id, old.name, old.keywords, old.description);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS catalog_offer_search_doc_au
    AFTER UPDATE ON catalog_offer_search_doc BEGIN
        INSERT INTO catalog_offer_fts (catalog_offer_fts, rowid, name, keywords, description)
        VALUES ('delete', old.offer_id, old.name, old.keywords, old.description);
        INSERT INTO catalog_offer_fts (rowid, name, keywords, description)
        VALUES (new.offer_id, new.name, new.keywords, new.description);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_offer_search_doc_au",
    "DROP TRIGGER IF EXISTS catalog_offer_search_doc_ad",
    "DROP TRIGGER IF EXISTS catalog_offer_search_doc_ai",
    "DROP TABLE IF EXISTS catalog_offer_fts",
    "DROP TABLE IF EXISTS catalog_offer_search_doc",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_offer_search_fields"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
