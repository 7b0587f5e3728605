// BuildSchema: the element list's bounds, levels, legacy type mapping, and
// which shapes are readable (LogicalTypes.md "Lists" and its
// backward-compatibility rules) versus refused with a named reason.
#include "parquet/schema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/corpus_path_support.h"
#include "parquet/footer.h"

namespace jao::parquet {
namespace {

namespace t = testing;
constexpr auto kRequired = FieldRepetitionType::REQUIRED;
constexpr auto kOptional = FieldRepetitionType::OPTIONAL;
constexpr auto kRepeated = FieldRepetitionType::REPEATED;

SchemaElement Root(int children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

SchemaElement Group(std::string name, int children,
                    std::optional<FieldRepetitionType> repetition,
                    ConvertedType converted = ConvertedType::NONE) {
  SchemaElement e;
  e.name = std::move(name);
  e.num_children = children;
  e.repetition_type = repetition;
  e.converted_type = converted;
  return e;
}

SchemaElement Leaf(std::string name, Type type, FieldRepetitionType repetition,
                   ConvertedType converted = ConvertedType::NONE) {
  SchemaElement e;
  e.name = std::move(name);
  e.type = type;
  e.repetition_type = repetition;
  e.converted_type = converted;
  return e;
}

Schema Build(const std::vector<SchemaElement>& elements) {
  auto schema = BuildSchema(elements);
  EXPECT_THAT(schema, IsOk());
  return schema.ok() ? std::move(schema).value() : Schema();
}

std::string Error(const std::vector<SchemaElement>& elements) {
  return BuildSchema(elements).status().ToString();
}

using Path = std::vector<std::string>;

TEST(Schema, ReadsRequiredAndOptionalFlatColumns) {
  Schema schema =
      Build({Root(2), Leaf("id", Type::INT64, kRequired),
             Leaf("title", Type::BYTE_ARRAY, kOptional, ConvertedType::UTF8)});
  ASSERT_EQ(schema.columns().size(), 2u);
  const ColumnDescriptor& id = schema.columns()[0];
  EXPECT_EQ(id.index, 0);
  EXPECT_EQ(id.name, "id");
  EXPECT_EQ(id.path, Path{"id"});
  EXPECT_EQ(id.physical_type, Type::INT64);
  EXPECT_FALSE(id.optional);
  EXPECT_FALSE(id.is_list);
  EXPECT_EQ(id.max_definition_level, 0);
  EXPECT_EQ(id.max_repetition_level, 0);
  EXPECT_FALSE(id.unsupported.has_value());
  const ColumnDescriptor& title = schema.columns()[1];
  EXPECT_EQ(title.index, 1);
  EXPECT_TRUE(title.optional);
  EXPECT_EQ(title.max_definition_level, 1);
  EXPECT_EQ(title.logical_type.kind, LogicalTypeKind::STRING);
  EXPECT_FALSE(title.unsupported.has_value());
}

TEST(Schema, ReadsTheStandardThreeLevelList) {
  Schema schema = Build(
      {Root(1), Group("grades", 1, kOptional, ConvertedType::LIST),
       Group("list", 1, kRepeated),
       Leaf("element", Type::BYTE_ARRAY, kOptional, ConvertedType::UTF8)});
  ASSERT_EQ(schema.columns().size(), 1u);
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.name, "grades");
  EXPECT_EQ(c.path, (Path{"grades", "list", "element"}));
  EXPECT_TRUE(c.is_list);
  EXPECT_TRUE(c.optional);
  EXPECT_EQ(c.max_definition_level, 3);
  EXPECT_EQ(c.max_repetition_level, 1);
  EXPECT_EQ(c.logical_type.kind, LogicalTypeKind::STRING);
  EXPECT_FALSE(c.unsupported.has_value());
}

TEST(Schema, ReadsARequiredThreeLevelListOfRequiredElements) {
  SchemaElement list = Group("tags", 1, kRequired);
  list.logical_type.kind = LogicalTypeKind::LIST;  // LogicalType only
  Schema schema = Build({Root(1), list, Group("list", 1, kRepeated),
                         Leaf("element", Type::INT32, kRequired)});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_TRUE(c.is_list);
  EXPECT_FALSE(c.optional);
  EXPECT_EQ(c.max_definition_level, 1);
  EXPECT_EQ(c.max_repetition_level, 1);
  EXPECT_FALSE(c.unsupported.has_value());
}

TEST(Schema, ReadsATwoLevelListOfARepeatedPrimitive) {
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Leaf("element", Type::INT32, kRepeated)});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.path, (Path{"x", "element"}));
  EXPECT_TRUE(c.is_list);
  EXPECT_EQ(c.max_definition_level, 2);
  EXPECT_EQ(c.max_repetition_level, 1);
  EXPECT_FALSE(c.unsupported.has_value());
}

TEST(Schema, ReadsTheLegacyArrayForm) {
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Group("array", 1, kRepeated),
                         Leaf("str", Type::BYTE_ARRAY, kRequired)});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.path, (Path{"x", "array", "str"}));
  EXPECT_TRUE(c.is_list);
  EXPECT_EQ(c.max_definition_level, 2);
  EXPECT_FALSE(c.unsupported.has_value());
}

TEST(Schema, ReadsTheLegacyTupleForm) {
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Group("x_tuple", 1, kRepeated),
                         Leaf("str", Type::BYTE_ARRAY, kRequired)});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.path, (Path{"x", "x_tuple", "str"}));
  EXPECT_TRUE(c.is_list);
  EXPECT_FALSE(c.unsupported.has_value());
}

TEST(Schema, ReadsABareRepeatedPrimitiveAsAList) {
  Schema schema = Build({Root(1), Leaf("codes", Type::INT32, kRepeated)});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.name, "codes");
  EXPECT_TRUE(c.is_list);
  EXPECT_FALSE(c.optional);
  EXPECT_EQ(c.max_definition_level, 1);
  EXPECT_EQ(c.max_repetition_level, 1);
  EXPECT_FALSE(c.unsupported.has_value());
}

TEST(Schema, RefusesAStructMember) {
  Schema schema = Build({Root(2), Group("a", 1, kOptional),
                         Leaf("b", Type::INT32, kOptional),
                         Leaf("c", Type::INT32, kOptional)});
  ASSERT_EQ(schema.columns().size(), 2u);
  EXPECT_EQ(schema.columns()[0].unsupported,
            "column 'a.b' is nested in a struct (unsupported)");
  EXPECT_EQ(schema.columns()[0].max_definition_level, 2);
  EXPECT_EQ(schema.columns()[1].index, 1);
  EXPECT_FALSE(schema.columns()[1].unsupported.has_value());
}

TEST(Schema, RefusesEveryLeafOfAMap) {
  Schema schema = Build({Root(1), Group("m", 1, kOptional, ConvertedType::MAP),
                         Group("key_value", 2, kRepeated),
                         Leaf("key", Type::BYTE_ARRAY, kRequired),
                         Leaf("value", Type::INT32, kOptional)});
  ASSERT_EQ(schema.columns().size(), 2u);
  EXPECT_EQ(schema.columns()[0].unsupported,
            "column 'm.key_value.key' is in a MAP (unsupported)");
  EXPECT_EQ(schema.columns()[1].unsupported,
            "column 'm.key_value.value' is in a MAP (unsupported)");
  EXPECT_EQ(schema.columns()[1].max_definition_level, 3);
  EXPECT_EQ(schema.columns()[1].max_repetition_level, 1);
}

TEST(Schema, RefusesANestedList) {
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Group("list", 1, kRepeated),
                         Group("element", 1, kOptional, ConvertedType::LIST),
                         Group("list", 1, kRepeated),
                         Leaf("element", Type::INT32, kOptional)});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.unsupported,
            "column 'x.list.element.list.element' is a nested list "
            "(unsupported)");
  EXPECT_EQ(c.max_repetition_level, 2);
  EXPECT_EQ(c.max_definition_level, 5);
}

TEST(Schema, RefusesATwoLevelListOfTwoLevelLists) {
  // Rule 3: the repeated group's only field is itself repeated.
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Group("array", 1, kRepeated),
                         Leaf("item", Type::INT32, kRepeated)});
  EXPECT_EQ(schema.columns()[0].unsupported,
            "column 'x.array.item' is a nested list (unsupported)");
}

TEST(Schema, RefusesAListOfStructsWithSeveralFields) {
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Group("element", 2, kRepeated),
                         Leaf("str", Type::BYTE_ARRAY, kRequired),
                         Leaf("num", Type::INT32, kRequired)});
  EXPECT_EQ(schema.columns()[0].unsupported,
            "column 'x.element.str' is in a list of structs (unsupported)");
  EXPECT_EQ(schema.columns()[1].unsupported,
            "column 'x.element.num' is in a list of structs (unsupported)");
}

TEST(Schema, RefusesAnUnannotatedRepeatedGroup) {
  Schema schema = Build({Root(1), Group("r", 2, kRepeated),
                         Leaf("a", Type::INT32, kRequired),
                         Leaf("b", Type::INT32, kRequired)});
  EXPECT_EQ(schema.columns()[0].unsupported,
            "column 'r.a' is in a repeated group (unsupported)");
}

TEST(Schema, RefusesAListGroupWhoseChildIsNotRepeated) {
  Schema schema = Build({Root(1), Group("x", 1, kOptional, ConvertedType::LIST),
                         Leaf("element", Type::INT32, kOptional)});
  EXPECT_EQ(schema.columns()[0].unsupported,
            "column 'x.element' is in a LIST group that is not a list "
            "(unsupported)");
}

// Duplicate names: a lookup by name would take the first field silently.
TEST(Schema, RefusesTwoTopLevelFieldsOfOneName) {
  EXPECT_EQ(Error({Root(3), Leaf("a", Type::INT32, kOptional),
                   Leaf("b", Type::INT32, kOptional),
                   Leaf("a", Type::INT64, kOptional)}),
            "corrupt: schema has two fields named 'a' at the top level");
}

TEST(Schema, RefusesTwoFieldsOfOneNameInAGroup) {
  EXPECT_EQ(Error({Root(1), Group("s", 2, kOptional),
                   Leaf("x", Type::INT32, kOptional),
                   Leaf("x", Type::INT32, kOptional)}),
            "corrupt: schema has two fields named 'x' in group 's'");
}

TEST(Schema, AcceptsOneNameInDifferentGroups) {
  Schema schema = Build(
      {Root(2), Group("s", 1, kOptional), Leaf("x", Type::INT32, kOptional),
       Group("t", 1, kOptional), Leaf("x", Type::INT32, kOptional)});
  EXPECT_EQ(schema.columns().size(), 2u);
}

// ---- legacy ConvertedType onto LogicalType
// -----------------------------------

LogicalType MappedType(Type type, ConvertedType converted, int scale = 0,
                       int precision = 0) {
  SchemaElement leaf = Leaf("v", type, kOptional, converted);
  leaf.scale = scale;
  leaf.precision = precision;
  Schema schema = Build({Root(1), leaf});
  return schema.columns().empty() ? LogicalType{}
                                  : schema.columns()[0].logical_type;
}

TEST(Schema, MapsTimestampMillisToUtcTimestamp) {
  LogicalType type = MappedType(Type::INT64, ConvertedType::TIMESTAMP_MILLIS);
  EXPECT_EQ(type.kind, LogicalTypeKind::TIMESTAMP);
  EXPECT_EQ(type.unit, TimeUnit::MILLIS);
  EXPECT_TRUE(type.is_adjusted_to_utc);
}

TEST(Schema, MapsTimestampMicrosToUtcTimestamp) {
  LogicalType type = MappedType(Type::INT64, ConvertedType::TIMESTAMP_MICROS);
  EXPECT_EQ(type.kind, LogicalTypeKind::TIMESTAMP);
  EXPECT_EQ(type.unit, TimeUnit::MICROS);
  EXPECT_TRUE(type.is_adjusted_to_utc);
}

TEST(Schema, MapsTimeMicrosToTime) {
  LogicalType type = MappedType(Type::INT64, ConvertedType::TIME_MICROS);
  EXPECT_EQ(type.kind, LogicalTypeKind::TIME);
  EXPECT_EQ(type.unit, TimeUnit::MICROS);
}

TEST(Schema, MapsDecimalWithTheElementsScaleAndPrecision) {
  LogicalType type = MappedType(Type::INT64, ConvertedType::DECIMAL, 2, 12);
  EXPECT_EQ(type.kind, LogicalTypeKind::DECIMAL);
  EXPECT_EQ(type.scale, 2);
  EXPECT_EQ(type.precision, 12);
}

TEST(Schema, MapsInt8ToASignedEightBitInteger) {
  LogicalType type = MappedType(Type::INT32, ConvertedType::INT_8);
  EXPECT_EQ(type.kind, LogicalTypeKind::INTEGER);
  EXPECT_EQ(type.bit_width, 8);
  EXPECT_TRUE(type.is_signed);
}

TEST(Schema, MapsUint64ToAnUnsignedIntegerOf64Bits) {
  LogicalType type = MappedType(Type::INT64, ConvertedType::UINT_64);
  EXPECT_EQ(type.kind, LogicalTypeKind::INTEGER);
  EXPECT_EQ(type.bit_width, 64);
  EXPECT_FALSE(type.is_signed);
}

TEST(Schema, MapsEnumJsonAndDate) {
  EXPECT_EQ(MappedType(Type::BYTE_ARRAY, ConvertedType::ENUM).kind,
            LogicalTypeKind::ENUM);
  EXPECT_EQ(MappedType(Type::BYTE_ARRAY, ConvertedType::JSON).kind,
            LogicalTypeKind::JSON);
  EXPECT_EQ(MappedType(Type::INT32, ConvertedType::DATE).kind,
            LogicalTypeKind::DATE);
}

TEST(Schema, KeepsIntervalAsAConvertedTypeOnly) {
  SchemaElement leaf =
      Leaf("v", Type::FIXED_LEN_BYTE_ARRAY, kOptional, ConvertedType::INTERVAL);
  leaf.type_length = 12;
  Schema schema = Build({Root(1), leaf});
  const ColumnDescriptor& c = schema.columns()[0];
  EXPECT_EQ(c.logical_type.kind, LogicalTypeKind::kNone);
  EXPECT_EQ(c.converted_type, ConvertedType::INTERVAL);
  EXPECT_EQ(c.type_length, 12);
}

TEST(Schema, PrefersTheLogicalTypeOverTheConvertedType) {
  SchemaElement leaf =
      Leaf("v", Type::INT64, kOptional, ConvertedType::TIMESTAMP_MICROS);
  leaf.logical_type.kind = LogicalTypeKind::TIMESTAMP;
  leaf.logical_type.unit = TimeUnit::NANOS;
  leaf.logical_type.is_adjusted_to_utc = false;
  Schema schema = Build({Root(1), leaf});
  EXPECT_EQ(schema.columns()[0].logical_type.unit, TimeUnit::NANOS);
  EXPECT_FALSE(schema.columns()[0].logical_type.is_adjusted_to_utc);
}

// ---- bounds
// -------------------------------------------------------------------

TEST(Schema, RejectsAnEmptyElementList) {
  EXPECT_EQ(Error({}), "corrupt: schema is empty: the root element is missing");
}

TEST(Schema, RejectsANegativeNumChildren) {
  EXPECT_EQ(Error({Root(1), Group("a", -1, kOptional)}),
            "corrupt: schema element 1 'a' has num_children -1, which is "
            "negative");
}

TEST(Schema, RejectsANumChildrenBeyondTheList) {
  EXPECT_EQ(Error({Root(3), Leaf("a", Type::INT32, kOptional)}),
            "corrupt: schema element 0 'schema' has num_children 3 but only 1 "
            "elements follow");
}

TEST(Schema, RejectsChildrenThatOverrunTheList) {
  // The root's two children fit the count, but the first one's own child
  // takes the last element.
  EXPECT_EQ(Error({Root(2), Group("a", 1, kOptional),
                   Leaf("b", Type::INT32, kOptional)}),
            "corrupt: schema element 0 'schema' has num_children 2 but the "
            "schema list ends after 1");
}

TEST(Schema, RejectsElementsLeftAfterTheRootsTree) {
  EXPECT_EQ(Error({Root(1), Leaf("a", Type::INT32, kOptional),
                   Leaf("b", Type::INT32, kOptional)}),
            "corrupt: schema has 3 elements but the root's tree covers 2");
}

TEST(Schema, RejectsALeafWithoutAPhysicalType) {
  EXPECT_EQ(
      Error({Root(1), Group("a", 1, kOptional), Group("b", 0, kOptional)}),
      "corrupt: schema leaf 'a.b' has no physical type");
}

TEST(Schema, RejectsNestingBeyondTheDepthLimit) {
  std::vector<SchemaElement> elements = {Root(1)};
  for (int i = 0; i < 70; ++i) {
    elements.push_back(Group("g" + std::to_string(i), 1, kOptional));
  }
  elements.push_back(Leaf("leaf", Type::INT32, kOptional));
  EXPECT_EQ(Error(elements),
            "corrupt: schema nesting depth exceeds the limit of 64 at element "
            "65 'g64'");
}

TEST(Schema, FindsAColumnByItsTopLevelName) {
  Schema schema = Build({Root(2), Leaf("id", Type::INT64, kRequired),
                         Group("grades", 1, kOptional, ConvertedType::LIST),
                         Group("list", 1, kRepeated),
                         Leaf("element", Type::BYTE_ARRAY, kOptional)});
  const ColumnDescriptor* grades = schema.Find("grades");
  ASSERT_NE(grades, nullptr);
  EXPECT_EQ(grades->index, 1);
  EXPECT_EQ(schema.Find("element"), nullptr);
  EXPECT_EQ(schema.Find("missing"), nullptr);
}

// Expected from DuckDB parquet_schema(): 11 optional flat columns.
TEST(Schema, BuildsTheSchemaOfAlltypesPlain) {
  const std::string path = t::CorpusFile("alltypes_plain.parquet");
  if (!t::Exists(path)) GTEST_SKIP() << "missing corpus file " << path;
  auto file = RandomAccessFile::Open(path);
  ASSERT_THAT(file, IsOk());
  auto footer = ReadFooter(**file);
  ASSERT_THAT(footer, IsOk());
  Schema schema = Build(footer->metadata.schema);
  ASSERT_EQ(schema.columns().size(), 11u);
  const std::vector<std::string> names = {
      "id",           "bool_col",     "tinyint_col",
      "smallint_col", "int_col",      "bigint_col",
      "float_col",    "double_col",   "date_string_col",
      "string_col",   "timestamp_col"};
  for (size_t i = 0; i < names.size(); ++i) {
    const ColumnDescriptor& c = schema.columns()[i];
    EXPECT_EQ(c.name, names[i]) << "column " << i;
    EXPECT_TRUE(c.optional) << names[i];
    EXPECT_EQ(c.max_definition_level, 1) << names[i];
    EXPECT_FALSE(c.unsupported.has_value()) << names[i];
  }
  EXPECT_EQ(schema.columns()[10].physical_type, Type::INT96);
}

}  // namespace
}  // namespace jao::parquet
