// The declaration itself; see target_schema.h. Lookup and statistic tables
// come from the name tables (schema_names, characteristic.cc), so that a
// characteristic is named once.
#include "db/target_schema.h"

#include <fmt/format.h>

#include <vector>

#include "db/schema_names.h"
#include "db/vacancy_record.h"

namespace jao::db::target {
namespace {

using K = Kind;

constexpr Column kAutoId{"id", K::kAutoId};

Column DateTime(std::string_view name) { return {name, K::kDateTime}; }
Column Salary(std::string_view name) {
  return {.name = name,
          .kind = K::kDecimal,
          .nullable = true,
          .precision = 10,
          .scale = 2};
}
Column NullableText(std::string_view name) {
  return {.name = name, .kind = K::kText, .nullable = true};
}
Column Taken(Column column, ValueFromRecord from_record) {
  column.from_record = from_record;
  return column;
}

// A vacancy column's value: the record's member, as its kind needs it.
using V = RecordValue;
template <auto kMember>
V DateTimeOf(const VacancyRecord& r) {
  return V::DateTime(r.*kMember);
}
template <auto kMember>
V HundredthsOf(const VacancyRecord& r) {
  return V::Hundredths(r.*kMember);
}
template <auto kMember>
V TextOf(const VacancyRecord& r) {
  return V::Text(r.*kMember);
}

Column Key(std::string_view name, std::string_view references) {
  return {.name = name, .kind = K::kForeignKey, .references = references};
}

// Built once: the column lists live as long as the program.
struct Declaration {
  std::vector<std::vector<Column>> columns;
  std::vector<Table> tables;

  void Add(std::string_view name, std::vector<Column> table_columns) {
    columns.push_back(std::move(table_columns));
    tables.push_back({name, {}});
  }
  // Spans are taken once every vector is in place.
  void Seal() {
    for (size_t i = 0; i < tables.size(); ++i) tables[i].columns = columns[i];
  }
};

Declaration Declare() {
  Declaration d;
  d.columns.reserve(32);
  for (int i = 0; i < schema::kNumLookups; ++i) {
    const schema::LookupTable& lookup =
        schema::TableOf(static_cast<schema::Lookup>(i));
    d.Add(lookup.table, {kAutoId,
                         {.name = lookup.name_column,
                          .kind = K::kVarchar,
                          .unique = true,
                          .length = 255}});
  }
  // How each vacancy column is taken from a record; the loaders bind and
  // COPY in this order.
  using R = VacancyRecord;
  d.Add(
      schema::kVacancyTable,
      {
          {.name = "id",
           .kind = K::kSourceId,
           .from_record = [](const R& r) { return V::Integer(r.id); }},
          Taken(DateTime("last_updated"), DateTimeOf<&R::last_updated_us>),
          Taken(DateTime("live_date"), DateTimeOf<&R::live_date_us>),
          Taken(DateTime("closing_date"), DateTimeOf<&R::closing_date_us>),
          // Django keeps the default in Python, not in the DDL: written.
          {.name = "is_deleted",
           .kind = K::kBoolean,
           .kept_on_update = true,
           .from_record = [](const R&) { return V::Boolean(false); }},
          Taken(Salary("min_salary"), HundredthsOf<&R::min_salary_hundredths>),
          Taken(Salary("max_salary"), HundredthsOf<&R::max_salary_hundredths>),
          Taken(NullableText("title"), TextOf<&R::title>),
          Taken(NullableText("description"), TextOf<&R::description>),
          Taken(NullableText("summary"), TextOf<&R::summary>),
          {.name = "department_id",
           .kind = K::kForeignKey,
           .nullable = true,
           .references = schema::kDepartmentTable,
           .from_record =
               [](const R& r) { return V::LookupName(r.department); }},
      });
  d.Add(schema::kVacancyGradeTable,
        {kAutoId, Key("grade_id", schema::kGradeTable),
         Key("vacancy_id", schema::kVacancyTable)});
  d.Add(schema::kVacancyRoleTypeTable,
        {kAutoId, Key("role_type_id", schema::kRoleTypeTable),
         Key("vacancy_id", schema::kVacancyTable)});
  d.Add(schema::kVacancyStatisticTable,
        {kAutoId,
         {.name = "total_applications",
          .kind = K::kPositiveInteger,
          .nullable = true},
         DateTime("updated_at"),
         {.name = "vacancy_id",
          .kind = K::kForeignKey,
          .unique = true,
          .references = schema::kVacancyTable}});
  for (int i = 0; i < kNumCharacteristics; ++i) {
    const CharacteristicTables& names =
        TablesFor(static_cast<Characteristic>(i));
    d.Add(names.statistic_table, {kAutoId,
                                  {.name = "percent_applications",
                                   .kind = K::kDecimal,
                                   .precision = 5,
                                   .scale = 2},
                                  DateTime("updated_at"),
                                  Key(names.fk_column, names.lookup_table),
                                  Key("vacancy_id", schema::kVacancyTable)});
  }
  d.Seal();
  return d;
}

const Declaration& TheDeclaration() {
  static const Declaration kDeclaration = Declare();
  return kDeclaration;
}

}  // namespace

std::string ColumnDefinition(const Column& c, const DdlDialect& dialect) {
  const std::string name = fmt::format(R"("{}")", c.name);
  const std::string constraints = fmt::format(
      "{}{}", c.nullable ? "NULL" : "NOT NULL", c.unique ? " UNIQUE" : "");
  switch (c.kind) {
    case K::kAutoId:
      return fmt::format("{} {}", name, dialect.auto_id);
    case K::kSourceId:
      return fmt::format("{} integer NOT NULL PRIMARY KEY", name);
    case K::kForeignKey:
      if (!dialect.inline_references) {
        return fmt::format("{} integer {}", name, constraints);
      }
      return fmt::format(
          R"({} integer {} REFERENCES "{}" ("id") DEFERRABLE INITIALLY DEFERRED)",
          name, constraints, c.references);
    case K::kPositiveInteger:
      // Django's PositiveIntegerField carries an inline CHECK.
      return fmt::format("{} {} {} CHECK ({} >= 0)", name,
                         dialect.positive_integer, constraints, name);
    case K::kBoolean:
      return fmt::format("{} {} {}", name, dialect.boolean, constraints);
    case K::kDateTime:
      return fmt::format("{} {} {}", name, dialect.datetime, constraints);
    case K::kDecimal:
      if (dialect.decimal_precision) {
        return fmt::format("{} {}({}, {}) {}", name, dialect.decimal,
                           c.precision, c.scale, constraints);
      }
      return fmt::format("{} {} {}", name, dialect.decimal, constraints);
    case K::kText:
      return fmt::format("{} text {}", name, constraints);
    case K::kVarchar:
      return fmt::format("{} varchar({}) {}", name, c.length, constraints);
  }
  return {};
}

const Column* Table::Find(std::string_view column_name) const {
  for (const Column& column : columns) {
    if (column.name == column_name) return &column;
  }
  return nullptr;
}

std::span<const Table> Tables() { return TheDeclaration().tables; }

// Every column has from_record (target_schema_test checks it).
const Table& VacancyTable() {
  static const Table* const kTable = FindTable(schema::kVacancyTable);
  return *kTable;
}

std::string QuotedNames(std::span<const Column* const> columns) {
  std::string names;
  for (const Column* column : columns) {
    if (!names.empty()) names += ", ";
    names += fmt::format(R"("{}")", column->name);
  }
  return names;
}

const Table* FindTable(std::string_view name) {
  for (const Table& table : Tables()) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

}  // namespace jao::db::target
