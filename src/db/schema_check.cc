// See schema_check.h.
#include "db/schema_check.h"

#include <fmt/format.h>

#include "db/target_schema.h"

namespace jao::db {
namespace {

using Family = LiveType::Family;
using target::Kind;

// What the declaration needs, in the words of a message.
std::string Needs(const target::Column& c) {
  switch (c.kind) {
    case Kind::kAutoId:
      return "an integer id the database generates";
    case Kind::kSourceId:
    case Kind::kForeignKey:
    case Kind::kPositiveInteger:
      return "an integer";
    case Kind::kBoolean:
      return "a boolean";
    case Kind::kDateTime:
      return "a date and time";
    case Kind::kDecimal:
      return fmt::format("a decimal({}, {})", c.precision, c.scale);
    case Kind::kText:
      return "text";
    case Kind::kVarchar:
      return fmt::format("varchar({})", c.length);
  }
  return "?";
}

class TableCheck {
 public:
  TableCheck(const target::Table& declared, const LiveTable& live,
             bool integers_are_exact, SchemaReport& report)
      : declared_(declared),
        live_(live),
        integers_are_exact_(integers_are_exact),
        report_(report) {}

  void Run() {
    for (const target::Column& column : declared_.columns) {
      const LiveColumn* found = live_.Find(std::string(column.name));
      if (found == nullptr) {
        Refuse(column.name, fmt::format("missing; needs {}", Needs(column)));
        continue;
      }
      CheckColumn(column, *found);
      if (column.kind == Kind::kForeignKey) CheckReference(column);
    }
    for (const LiveColumn& column : live_.columns) {
      if (declared_.Find(column.name) != nullptr) continue;
      if (column.not_null && !column.filled_by_database) {
        Refuse(column.name,
               fmt::format("extra column {} NOT NULL without a default: "
                           "jao-ingest cannot fill it",
                           column.type.text));
      } else {
        report_.extra_columns.push_back(
            fmt::format("{}.{}", declared_.name, column.name));
      }
    }
    CheckUniqueKeys();
  }

 private:
  void Refuse(std::string_view column, const std::string& what) {
    report_.refusals.push_back(
        fmt::format("{}.{}: {}", declared_.name, column, what));
  }
  void Limit(const target::Column& c, ColumnLimit::Kind kind, int64_t value,
             const LiveType& type) {
    report_.limits.push_back({std::string(declared_.name), std::string(c.name),
                              kind, value, type.text});
  }

  void CheckColumn(const target::Column& c, const LiveColumn& live) {
    const LiveType& type = live.type;
    if (type.family != FamilyOf(c.kind) || type.padded) {
      Refuse(c.name,
             fmt::format("needs {}, the database has {}", Needs(c), type.text));
      return;
    }
    if (type.family == Family::kInteger && integers_are_exact_ &&
        type.integer_bytes != 4) {
      Refuse(c.name, fmt::format("needs {} of 4 bytes (the loader's binary "
                                 "COPY writes int4), the database has {}",
                                 Needs(c), type.text));
      return;
    }
    if (c.nullable && live.not_null) {
      Refuse(c.name, fmt::format("needs NULL allowed, the database has {} "
                                 "NOT NULL",
                                 type.text));
    }
    switch (c.kind) {
      case Kind::kAutoId:
        if (!live.filled_by_database) {
          Refuse(c.name, fmt::format("needs {}, the database has {} with no "
                                     "default",
                                     Needs(c), type.text));
        }
        [[fallthrough]];
      case Kind::kForeignKey:
        // Ids the database hands out (ours or Django's) may exceed a smallint.
        if (type.integer_bytes != 0 && type.integer_bytes < 4) {
          Refuse(c.name, fmt::format("needs {} of 4 bytes or more, the "
                                     "database has {}",
                                     Needs(c), type.text));
        }
        return;
      case Kind::kSourceId:
      case Kind::kPositiveInteger:
        if (type.integer_bytes == 2) {
          Limit(c, ColumnLimit::Kind::kMaxInteger, 32767, type);
        }
        return;
      case Kind::kDecimal:
        if (type.precision == 0) return;
        if (type.scale < c.scale) {
          Refuse(c.name, fmt::format("needs {}, the database has {}, which "
                                     "rounds the last decimal places",
                                     Needs(c), type.text));
        } else if (type.precision - type.scale < c.precision - c.scale) {
          Limit(c, ColumnLimit::Kind::kDigits, type.precision - type.scale,
                type);
        }
        return;
      case Kind::kText:
      case Kind::kVarchar:
        if (type.max_chars > 0 &&
            (c.length == 0 || type.max_chars < c.length)) {
          Limit(c, ColumnLimit::Kind::kChars, type.max_chars, type);
        }
        return;
      case Kind::kBoolean:
      case Kind::kDateTime:
        return;
    }
  }

  void CheckReference(const target::Column& c) {
    for (const LiveForeignKey& key : live_.foreign_keys) {
      if (key.column != c.name || key.referenced_table == c.references) {
        continue;
      }
      Refuse(c.name,
             fmt::format("needs a key to {}, the database's key points to {}",
                         c.references, key.referenced_table));
    }
  }

  // The unique keys the loader relies on (its upserts and INSERT OR
  // IGNORE name them): each table's id and each unique column (the lookup
  // names, vacancystatistic.vacancy_id). Django's unique_together pairs are
  // created with the schema but not relied on: the loader writes each
  // vacancy's links and statistics once, after deleting the old ones.
  void CheckUniqueKeys() {
    for (const target::Column& c : declared_.columns) {
      const bool key = c.kind == Kind::kAutoId || c.kind == Kind::kSourceId;
      if ((key || c.unique) && live_.Find(std::string(c.name)) != nullptr) {
        RequireUnique(c.name);
      }
    }
  }

  void RequireUnique(std::string_view column) {
    for (const std::vector<std::string>& key : live_.unique_keys) {
      if (key.size() == 1 && key[0] == column) return;
    }
    Refuse(column,
           "needs a unique key (or the primary key) on it, the "
           "database has none");
  }

  const target::Table& declared_;
  const LiveTable& live_;
  const bool integers_are_exact_;
  SchemaReport& report_;
};

}  // namespace

const LiveColumn* LiveTable::Find(const std::string& column) const {
  for (const LiveColumn& c : columns) {
    if (c.name == column) return &c;
  }
  return nullptr;
}

const LiveTable* LiveSchema::Find(std::string_view table) const {
  for (const LiveTable& t : tables) {
    if (t.name == table) return &t;
  }
  return nullptr;
}

Status SchemaReport::AsStatus() const {
  if (!refused()) return Status::Ok();
  return Status::Schema(
      fmt::format("the database's schema does not fit what jao-ingest "
                  "writes: {}",
                  fmt::join(refusals, "; ")));
}

std::vector<std::string> SchemaReport::Notes() const {
  std::vector<std::string> notes;
  if (creates_schema) {
    notes.push_back(
        "none of its tables exist: jao-ingest creates the schema as Django's "
        "migrations would (adopt it with `manage.py migrate --fake-initial`)");
  }
  for (const std::string& column : extra_columns) {
    notes.push_back(column +
                    ": extra column, left to the database (NULL or its "
                    "default)");
  }
  for (const ColumnLimit& limit : limits) {
    std::string what;
    switch (limit.kind) {
      case ColumnLimit::Kind::kChars:
        what = fmt::format("a value over {} characters", limit.value);
        break;
      case ColumnLimit::Kind::kDigits:
        what = fmt::format("a value of more than {} digits before the point",
                           limit.value);
        break;
      case ColumnLimit::Kind::kMaxInteger:
        what = fmt::format("a value above {}", limit.value);
        break;
    }
    notes.push_back(fmt::format("{}.{}: {} in the database: {} rejects its row",
                                limit.table, limit.column, limit.type_text,
                                what));
  }
  return notes;
}

LiveType::Family FamilyOf(Kind kind) {
  switch (kind) {
    case Kind::kAutoId:
    case Kind::kSourceId:
    case Kind::kForeignKey:
    case Kind::kPositiveInteger:
      return Family::kInteger;
    case Kind::kBoolean:
      return Family::kBoolean;
    case Kind::kDateTime:
      return Family::kDateTime;
    case Kind::kDecimal:
      return Family::kDecimal;
    case Kind::kText:
    case Kind::kVarchar:
      break;
  }
  return Family::kText;
}

SchemaReport CheckSchema(const LiveSchema& live) {
  SchemaReport report;
  std::vector<std::string_view> missing;
  for (const target::Table& table : target::Tables()) {
    if (live.Find(table.name) == nullptr) missing.push_back(table.name);
  }
  const size_t declared = target::Tables().size();
  if (missing.size() == declared) {
    report.creates_schema = true;
    return report;
  }
  for (std::string_view table : missing) {
    report.refusals.push_back(fmt::format(
        "{}: table missing (the database holds {} of the {} tables "
        "jao-ingest writes; it creates them only into a database that has "
        "none)",
        table, declared - missing.size(), declared));
  }
  for (const target::Table& table : target::Tables()) {
    const LiveTable* found = live.Find(table.name);
    if (found != nullptr) {
      TableCheck(table, *found, live.integers_are_exact, report).Run();
    }
  }
  return report;
}

}  // namespace jao::db
