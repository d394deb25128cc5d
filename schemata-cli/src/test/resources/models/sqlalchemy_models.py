"""Small SQLAlchemy models that print the PostgreSQL DDL they expect (the recipe of docs/models.md).

python3 sqlalchemy_models.py          the models as the reference database has them
python3 sqlalchemy_models.py differ   the same models with one difference seeded per compared property
"""
import sys

from sqlalchemy import (CHAR, Boolean, Column, DateTime, Enum, ForeignKey, Index, Integer, MetaData, Numeric, String,
                        Table, Text, create_mock_engine, text)

differ = sys.argv[1:] == ["differ"]
metadata = MetaData()

Table("users", metadata,
      Column("id", Integer, primary_key=True),
      # differ: NULL allowed where the database says NOT NULL
      Column("email", String(200), nullable=differ, unique=True),
      # differ: longer, and unique
      Column("name", String(150 if differ else 100), unique=differ),
      # differ: another default
      Column("active", Boolean, nullable=False, server_default=text("false" if differ else "true")),
      # differ: NOT NULL where the database allows NULL
      Column("created_at", DateTime, nullable=not differ),
      # differ: not mapped, though NOT NULL without a default in the database
      *([] if differ else [Column("country", CHAR(2), nullable=False)]),
      # differ: a column the database lacks
      *([Column("nickname", String(50))] if differ else []))

Table("orders", metadata,
      Column("id", Integer, primary_key=True),
      # differ: another ON DELETE action
      Column("user_id", Integer, ForeignKey("users.id", ondelete="RESTRICT" if differ else "CASCADE"), nullable=False),
      # differ: another scale
      Column("total", Numeric(10, 3 if differ else 2), nullable=False),
      # differ: an enum value the database lacks
      Column("status", Enum(*(["new", "paid", "shipped"] if differ else ["new", "paid"]), name="order_status"),
             nullable=False),
      # differ: not mapped (nullable: only info)
      *([] if differ else [Column("note", Text)]),
      Index("ix_orders_user_id", "user_id"),
      # differ: an index the database lacks
      *([Index("ix_orders_status", "status")] if differ else []))

# differ: a primary key the database lacks
Table("tags", metadata,
      Column("name", Text, primary_key=differ, nullable=False),
      Column("label", Text))

if differ:
    # differ: a table the database lacks
    Table("products", metadata,
          Column("id", Integer, primary_key=True),
          Column("title", String(80), nullable=False))


def dump(sql, *multiparams, **params):
    print(str(sql.compile(dialect=engine.dialect)).strip() + ";\n")


engine = create_mock_engine("postgresql://", dump)
metadata.create_all(engine, checkfirst=False)
