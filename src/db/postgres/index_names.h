// The names Django's migrations give the indexes and constraints of the
// target schema on PostgreSQL (spec/jao-schema.md):
// "<table>_<columns>_<md5[:8]><suffix>", shortened past 63 characters as
// Django does; constants computed once by scripts/django_names.py. Used by
// postgres/schema's DDL; SQLite's are in sqlite/index_names.h.
#pragma once

#include <span>

#include "db/schema_names.h"

namespace jao::db::postgres {

// Django's index on every foreign-key column except a unique one (the
// OneToOneField vacancystatistic.vacancy_id).
std::span<const schema::IndexName> ForeignKeyIndexes();
// The FOREIGN KEY constraint of every key column; the table it references
// is the declaration's (target_schema.h).
std::span<const schema::IndexName> ForeignKeyConstraints();
// unique_together of the link and statistic tables: a named UNIQUE
// constraint.
std::span<const schema::IndexName> UniqueTogethers();
// The extra varchar_pattern_ops index on each unique varchar column.
std::span<const schema::IndexName> LikeIndexes();

}  // namespace jao::db::postgres
