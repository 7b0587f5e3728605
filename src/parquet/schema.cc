// BuildSchema: the depth-first SchemaElement list -> a tree -> leaf columns,
// each with its levels and either "readable" or the reason it is not.
//
// What is readable follows LogicalTypes.md ("Lists", "Backward-compatibility
// rules"): flat required/optional primitives, the 3-level LIST, the 2-level
// legacy LIST forms, and a bare repeated primitive. Everything else keeps its
// place in the schema (so column indices match the row group's chunks) with
// `unsupported` naming the column and the feature.
#include "parquet/schema.h"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace jao::parquet {
namespace {

// Real schemas nest a handful of levels; the limit keeps recursion bounded
// whatever a footer claims.
constexpr int kMaxSchemaDepth = 64;

struct Node {
  int element = 0;
  std::vector<Node> children;
};

std::string Quoted(const SchemaElement& e) { return "'" + e.name + "'"; }

Status BuildTree(const std::vector<SchemaElement>& elements, size_t* next,
                 int depth, Node* node) {
  const size_t index = (*next)++;
  const SchemaElement& element = elements[index];
  node->element = static_cast<int>(index);
  if (depth > kMaxSchemaDepth) {
    return Status::Corrupt("schema nesting depth exceeds the limit of " +
                           std::to_string(kMaxSchemaDepth) + " at element " +
                           std::to_string(index) + " " + Quoted(element));
  }
  if (element.num_children < 0) {
    return Status::Corrupt("schema element " + std::to_string(index) + " " +
                           Quoted(element) + " has num_children " +
                           std::to_string(element.num_children) +
                           ", which is negative");
  }
  // Each child takes at least one element: refuse a count the list cannot
  // hold before reserving for it.
  const size_t left = elements.size() - *next;
  if (static_cast<size_t>(element.num_children) > left) {
    return Status::Corrupt("schema element " + std::to_string(index) + " " +
                           Quoted(element) + " has num_children " +
                           std::to_string(element.num_children) + " but only " +
                           std::to_string(left) + " elements follow");
  }
  node->children.resize(static_cast<size_t>(element.num_children));
  for (size_t i = 0; i < node->children.size(); ++i) {
    if (*next >= elements.size()) {
      return Status::Corrupt(
          "schema element " + std::to_string(index) + " " + Quoted(element) +
          " has num_children " + std::to_string(element.num_children) +
          " but the schema list ends after " + std::to_string(i));
    }
    RETURN_IF_ERROR(BuildTree(elements, next, depth + 1, &node->children[i]));
  }
  // Two fields of one name would make a column lookup by name pick the
  // first silently: refuse the schema, naming the field.
  std::unordered_set<std::string_view> names;
  for (const Node& child : node->children) {
    const SchemaElement& c = elements[child.element];
    if (!names.insert(c.name).second) {
      return Status::Corrupt("schema has two fields named " + Quoted(c) +
                             (index == 0 ? std::string(" at the top level")
                                         : " in group " + Quoted(element)));
    }
  }
  return Status::Ok();
}

bool IsListAnnotated(const SchemaElement& e) {
  return e.converted_type == ConvertedType::LIST ||
         e.logical_type.kind == LogicalTypeKind::LIST;
}

bool IsMapAnnotated(const SchemaElement& e) {
  return e.converted_type == ConvertedType::MAP ||
         e.converted_type == ConvertedType::MAP_KEY_VALUE ||
         e.logical_type.kind == LogicalTypeKind::MAP;
}

FieldRepetitionType Repetition(const SchemaElement& e) {
  return e.repetition_type.value_or(FieldRepetitionType::REQUIRED);
}

bool IsRepeated(const SchemaElement& e) {
  return Repetition(e) == FieldRepetitionType::REPEATED;
}

// The legacy ConvertedType expressed as a LogicalType (LogicalTypes.md,
// "Deprecated ConvertedType"): timestamps and times of the old annotations
// are UTC-adjusted.
LogicalType FromConvertedType(const SchemaElement& e) {
  LogicalType out;
  auto integer = [&](int8_t width, bool is_signed) {
    out.kind = LogicalTypeKind::INTEGER;
    out.bit_width = width;
    out.is_signed = is_signed;
  };
  auto timed = [&](LogicalTypeKind kind, TimeUnit unit) {
    out.kind = kind;
    out.unit = unit;
    out.is_adjusted_to_utc = true;
  };
  switch (e.converted_type) {
    case ConvertedType::UTF8:
      out.kind = LogicalTypeKind::STRING;
      break;
    case ConvertedType::ENUM:
      out.kind = LogicalTypeKind::ENUM;
      break;
    case ConvertedType::JSON:
      out.kind = LogicalTypeKind::JSON;
      break;
    case ConvertedType::BSON:
      out.kind = LogicalTypeKind::BSON;
      break;
    case ConvertedType::DECIMAL:
      out.kind = LogicalTypeKind::DECIMAL;
      out.scale = e.scale;
      out.precision = e.precision;
      break;
    case ConvertedType::DATE:
      out.kind = LogicalTypeKind::DATE;
      break;
    case ConvertedType::TIME_MILLIS:
      timed(LogicalTypeKind::TIME, TimeUnit::MILLIS);
      break;
    case ConvertedType::TIME_MICROS:
      timed(LogicalTypeKind::TIME, TimeUnit::MICROS);
      break;
    case ConvertedType::TIMESTAMP_MILLIS:
      timed(LogicalTypeKind::TIMESTAMP, TimeUnit::MILLIS);
      break;
    case ConvertedType::TIMESTAMP_MICROS:
      timed(LogicalTypeKind::TIMESTAMP, TimeUnit::MICROS);
      break;
    case ConvertedType::INT_8:
      integer(8, true);
      break;
    case ConvertedType::INT_16:
      integer(16, true);
      break;
    case ConvertedType::INT_32:
      integer(32, true);
      break;
    case ConvertedType::INT_64:
      integer(64, true);
      break;
    case ConvertedType::UINT_8:
      integer(8, false);
      break;
    case ConvertedType::UINT_16:
      integer(16, false);
      break;
    case ConvertedType::UINT_32:
      integer(32, false);
      break;
    case ConvertedType::UINT_64:
      integer(64, false);
      break;
    default:  // INTERVAL and group annotations have no LogicalType here
      break;
  }
  return out;
}

// Why the leaves under a top-level field cannot be read; kNone = readable.
enum class Feature {
  kNone,
  kStruct,
  kMap,
  kNestedList,
  kListOfStructs,
  kRepeatedGroup,
  kMalformedList
};

std::string Reason(Feature feature, const std::string& column) {
  const std::string quoted = "column '" + column + "' ";
  switch (feature) {
    case Feature::kStruct:
      return quoted + "is nested in a struct (unsupported)";
    case Feature::kMap:
      return quoted + "is in a MAP (unsupported)";
    case Feature::kNestedList:
      return quoted + "is a nested list (unsupported)";
    case Feature::kListOfStructs:
      return quoted + "is in a list of structs (unsupported)";
    case Feature::kRepeatedGroup:
      return quoted + "is in a repeated group (unsupported)";
    case Feature::kMalformedList:
      return quoted + "is in a LIST group that is not a list (unsupported)";
    case Feature::kNone:
      break;
  }
  return quoted + "is readable";
}

bool IsLeaf(const Node& n) { return n.children.empty(); }

// Classifies the element of a LIST-annotated group `top` per the
// backward-compatibility rules: kNone when it is one primitive.
Feature ClassifyList(const std::vector<SchemaElement>& elements,
                     const Node& top) {
  const SchemaElement& list = elements[top.element];
  if (IsRepeated(list)) return Feature::kNestedList;
  if (top.children.size() != 1) return Feature::kMalformedList;
  const Node& repeated = top.children[0];
  const SchemaElement& rep = elements[repeated.element];
  if (!IsRepeated(rep)) return Feature::kMalformedList;
  if (IsLeaf(repeated)) return Feature::kNone;  // rule 1: 2-level
  if (repeated.children.size() > 1) return Feature::kListOfStructs;  // rule 2
  const Node& child = repeated.children[0];
  const SchemaElement& c = elements[child.element];
  if (IsRepeated(c)) return Feature::kNestedList;  // rule 3
  if (!IsLeaf(child)) {
    if (IsListAnnotated(c)) return Feature::kNestedList;
    if (IsMapAnnotated(c)) return Feature::kMap;
    return Feature::kListOfStructs;
  }
  // Rule 4 (`array`, `<name>_tuple`: a one-field struct element) and rule 5
  // (3-level) both end in one primitive per element: the same values.
  return Feature::kNone;
}

Feature ClassifyTopLevel(const std::vector<SchemaElement>& elements,
                         const Node& top) {
  const SchemaElement& e = elements[top.element];
  if (IsLeaf(top)) return Feature::kNone;
  if (IsListAnnotated(e)) return ClassifyList(elements, top);
  if (IsMapAnnotated(e)) return Feature::kMap;
  if (IsRepeated(e)) return Feature::kRepeatedGroup;
  return Feature::kStruct;
}

struct LeafWalk {
  const std::vector<SchemaElement>& elements;
  std::vector<ColumnDescriptor>* columns;
  const SchemaElement* top = nullptr;
  Feature feature = Feature::kNone;
};

std::string Dotted(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& part : path) {
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

Status AddLeaves(LeafWalk& walk, const Node& node,
                 std::vector<std::string>* path, int16_t definition,
                 int16_t repetition) {
  const SchemaElement& e = walk.elements[node.element];
  path->push_back(e.name);
  switch (Repetition(e)) {
    case FieldRepetitionType::OPTIONAL:
      ++definition;
      break;
    case FieldRepetitionType::REPEATED:
      ++definition;
      ++repetition;
      break;
    default:
      break;
  }
  if (IsLeaf(node)) {
    if (!e.type.has_value()) {
      return Status::Corrupt("schema leaf '" + Dotted(*path) +
                             "' has no physical type");
    }
    ColumnDescriptor column;
    column.index = static_cast<int>(walk.columns->size());
    column.name = walk.top->name;
    column.path = *path;
    column.physical_type = *e.type;
    column.type_length = e.type_length;
    column.converted_type = e.converted_type;
    column.logical_type = e.logical_type.kind == LogicalTypeKind::kNone
                              ? FromConvertedType(e)
                              : e.logical_type;
    column.optional = Repetition(*walk.top) == FieldRepetitionType::OPTIONAL;
    // Only a readable shape is a list to the reader; a refused column keeps
    // its levels for `inspect`.
    column.is_list = repetition > 0 && walk.feature == Feature::kNone;
    column.max_definition_level = definition;
    column.max_repetition_level = repetition;
    if (walk.feature != Feature::kNone) {
      column.unsupported = Reason(walk.feature, Dotted(*path));
    }
    walk.columns->push_back(std::move(column));
  } else {
    for (const Node& child : node.children) {
      RETURN_IF_ERROR(AddLeaves(walk, child, path, definition, repetition));
    }
  }
  path->pop_back();
  return Status::Ok();
}

}  // namespace

std::string LogicalTypeText(const LogicalType& logical) {
  switch (logical.kind) {
    case LogicalTypeKind::kNone:
      return "-";
    case LogicalTypeKind::DECIMAL:
      return fmt::format("DECIMAL({}, {})", logical.precision, logical.scale);
    case LogicalTypeKind::TIME:
    case LogicalTypeKind::TIMESTAMP:
      return fmt::format("{}({}, utc={})", LogicalTypeKindName(logical.kind),
                         TimeUnitName(logical.unit),
                         logical.is_adjusted_to_utc ? "true" : "false");
    case LogicalTypeKind::INTEGER:
      return fmt::format("INTEGER({}, {})", logical.bit_width,
                         logical.is_signed ? "signed" : "unsigned");
    default:
      return LogicalTypeKindName(logical.kind);
  }
}

const ColumnDescriptor* Schema::Find(std::string_view name) const {
  for (const ColumnDescriptor& column : columns_) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

Result<std::vector<int>> Schema::ReadableColumns() const {
  std::vector<int> indices;
  for (const ColumnDescriptor& column : columns_) {
    if (!column.unsupported) indices.push_back(column.index);
  }
  if (!indices.empty()) return indices;
  if (columns_.empty()) {
    return Status::Unsupported("no column can be read: the schema has none");
  }
  return Status::Unsupported(
      "no column can be read: every one is unsupported: " +
      UnsupportedColumns());
}

std::string Schema::UnsupportedColumns() const {
  std::string names;
  const std::string* first = nullptr;
  const std::string* last_name = nullptr;
  for (const ColumnDescriptor& column : columns_) {
    if (!column.unsupported) continue;
    if (first == nullptr) first = &*column.unsupported;
    // A top-level column's leaves are adjacent: one name for all of them.
    if (last_name != nullptr && *last_name == column.name) continue;
    last_name = &column.name;
    names += (names.empty() ? "'" : ", '") + column.name + "'";
  }
  if (first == nullptr) return "";
  return names + "; the first: " + *first;
}

Result<Schema> BuildSchema(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) {
    return Status::Corrupt("schema is empty: the root element is missing");
  }
  Node root;
  size_t next = 0;
  RETURN_IF_ERROR(BuildTree(elements, &next, 0, &root));
  if (next != elements.size()) {
    return Status::Corrupt("schema has " + std::to_string(elements.size()) +
                           " elements but the root's tree covers " +
                           std::to_string(next));
  }
  Schema schema;
  for (const Node& top : root.children) {
    LeafWalk walk{elements, &schema.columns_, &elements[top.element],
                  ClassifyTopLevel(elements, top)};
    std::vector<std::string> path;
    RETURN_IF_ERROR(AddLeaves(walk, top, &path, 0, 0));
  }
  return schema;
}

}  // namespace jao::parquet
