// The names Django's migrations give the indexes of the target schema on
// SQLite (spec/jao-schema.md): "<table>_<columns>_<md5[:8]><suffix>",
// constants computed once by scripts/django_names.py; nothing here hashes
// at run time. Used by sqlite/schema's DDL; PostgreSQL's are in
// postgres/index_names.h.
#pragma once

#include <span>

#include "db/schema_names.h"

namespace jao::db::sqlite {

// Django's index on every foreign-key column except a unique one (the
// OneToOneField vacancystatistic.vacancy_id).
std::span<const schema::IndexName> ForeignKeyIndexes();
// unique_together of the link and statistic tables: a CREATE UNIQUE INDEX.
std::span<const schema::IndexName> UniqueTogethers();

}  // namespace jao::db::sqlite
