// The schema tree of a Parquet file flattened into its leaf columns, the unit
// the reader reads. Built once from FileMetaData::schema by BuildSchema.
//
// Flat columns (required / optional primitives under the root) and one-level
// lists of primitives (LIST-annotated, and the legacy unannotated forms) are
// readable. Anything else (deeper nesting, MAP, STRUCT, a repeated group) is
// kept in the schema so `inspect` can show it, with `unsupported` saying why;
// reading such a column fails with that reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "parquet/metadata.h"

namespace jao::parquet {

struct ColumnDescriptor {
  int index = 0;     // leaf index = column chunk index in a row group
  std::string name;  // top-level field name ("grades")
  std::vector<std::string> path;  // full path ("grades", "list", "element")
  Type physical_type = Type::BOOLEAN;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY only
  // Logical type, with legacy ConvertedType mapped onto it (UTF8 -> STRING,
  // TIMESTAMP_MILLIS -> TIMESTAMP(MILLIS, utc), DECIMAL -> DECIMAL, INT_8 ->
  // INTEGER(8, signed), ...).
  LogicalType logical_type;
  ConvertedType converted_type = ConvertedType::NONE;
  bool optional = false;  // the value (or the list) may be null
  bool is_list = false;   // one-level list of primitive values
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  // Set when the column cannot be read: "nested column 'a.b.c' (depth 3)".
  std::optional<std::string> unsupported;
};

// A logical type as `inspect` and the type errors spell it: "-" for none,
// "DECIMAL(18, 2)", "TIMESTAMP(MICROS, utc=false)", "INTEGER(32, unsigned)",
// else the member's name ("STRING", "DATE").
std::string LogicalTypeText(const LogicalType& logical);

class Schema {
 public:
  const std::vector<ColumnDescriptor>& columns() const { return columns_; }
  // The leaf whose top-level name is `name`, or nullptr.
  const ColumnDescriptor* Find(std::string_view name) const;
  // The indices of every readable column, in schema order. Unsupported
  // "no column can be read: every one is unsupported: <UnsupportedColumns>"
  // when there is none (a file of only nested columns is not a file of
  // empty rows).
  Result<std::vector<int>> ReadableColumns() const;
  // The unsupported columns on one line: their top-level names, each once,
  // in schema order, then the first leaf's reason: "'a', 'm'; the first:
  // column 'a.b' is nested in a struct (unsupported)". Empty when every
  // column is readable.
  std::string UnsupportedColumns() const;

 private:
  friend Result<Schema> BuildSchema(const std::vector<SchemaElement>&);
  std::vector<ColumnDescriptor> columns_;
};

// Errors: Corrupt when num_children overruns the element list, the root is
// missing, or a leaf has no physical type.
Result<Schema> BuildSchema(const std::vector<SchemaElement>& elements);

}  // namespace jao::parquet
