// The one table-driven struct decoder (thrift_struct.h), on a made-up struct:
// fields found by id, unknown ones skipped, wire types and required fields
// checked by name, nested lists through their own spec, and the union hook.
#include "parquet/thrift_struct.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "parquet/thrift_writer_support.h"

namespace jao::parquet::thrift {
namespace {

using testing::kTStruct;
using testing::ThriftWriter;

struct Leaf {
  int32_t count = 0;
};

struct Tree {
  std::string label;
  std::optional<int64_t> size;
  std::vector<Leaf> leaves;
  std::vector<int16_t> members_seen;  // by the union hook
};

constexpr auto kLeaf =
    Describe<Leaf>("Leaf", {{1, "Leaf.count", kRequired, Count<&Leaf::count>}});

constexpr auto kTree = Describe<Tree>(
    "Tree", {{1, "label", kRequired, String<&Tree::label>},
             {2, "size", kOptional, Size<&Tree::size>},
             {4, "leaves", kOptional, StructList<&Tree::leaves, kLeaf>}});

Status RecordMember(const FieldHeader& f, Tree* out) {
  out->members_seen.push_back(f.id);
  return Status::Ok();
}

constexpr auto kTreeUnion = DescribeUnion<Tree>(
    "TreeUnion", RecordMember, {{2, "size", kOptional, Size<&Tree::size>}});

Result<Tree> DecodeTree(const ThriftWriter& w, bool as_union = false) {
  CompactReader reader{ByteSpan(w.bytes())};
  Tree tree;
  RETURN_IF_ERROR(as_union ? Decode(reader, kTreeUnion, &tree)
                           : Decode(reader, kTree, &tree));
  if (reader.remaining() != 0) return Status::Internal("bytes left over");
  return tree;
}

TEST(ThriftStruct, ReadsFieldsByIdAndSkipsUnknownOnes) {
  ThriftWriter w;
  w.String(1, "oak").I32(3, 7).I64(2, 40).EmptyStruct(9).Stop();
  auto tree = DecodeTree(w);
  ASSERT_THAT(tree, IsOk());
  EXPECT_EQ(tree->label, "oak");
  EXPECT_EQ(tree->size, 40);
}

TEST(ThriftStruct, ReadsAListOfStructsThroughTheirOwnSpec) {
  ThriftWriter w;
  w.String(1, "oak").ListField(4, kTStruct, 2);
  w.BeginElement().I32(1, 3).EndStruct();
  w.BeginElement().I32(1, 5).EndStruct();
  w.Stop();
  auto tree = DecodeTree(w);
  ASSERT_THAT(tree, IsOk());
  ASSERT_EQ(tree->leaves.size(), 2u);
  EXPECT_EQ(tree->leaves[1].count, 5);
}

TEST(ThriftStruct, NamesAMissingRequiredFieldWithItsStruct) {
  ThriftWriter w;
  w.I64(2, 40).Stop();
  EXPECT_EQ(DecodeTree(w).status().ToString(),
            "corrupt: Tree.label (field 1) is missing");
}

TEST(ThriftStruct, DoesNotQualifyANameThatAlreadyNamesItsStruct) {
  ThriftWriter w;
  w.String(1, "oak").ListField(4, kTStruct, 1);
  w.BeginElement().EndStruct().Stop();
  EXPECT_EQ(DecodeTree(w).status().ToString(),
            "corrupt: Leaf.count (field 1) is missing");
}

TEST(ThriftStruct, RejectsAFieldOfTheWrongWireType) {
  ThriftWriter w;
  w.String(1, "oak").String(2, "big").Stop();
  EXPECT_EQ(DecodeTree(w).status().ToString(),
            "corrupt: size (field 2) has wire type binary, expected i64");
}

TEST(ThriftStruct, ShowsTheUnionHookEveryMemberBeforeItIsRead) {
  ThriftWriter w;
  w.EmptyStruct(7).I64(2, 40).Stop();
  auto tree = DecodeTree(w, /*as_union=*/true);
  ASSERT_THAT(tree, IsOk());
  EXPECT_EQ(tree->members_seen, (std::vector<int16_t>{7, 2}));
  EXPECT_EQ(tree->size, 40);
}

TEST(ThriftStruct, StopsAtTheNestingLimit) {
  // Leaves nest one level below the tree: a limit of 1 refuses them.
  ThriftWriter w;
  w.String(1, "oak").ListField(4, kTStruct, 1);
  w.BeginElement().I32(1, 3).EndStruct().Stop();
  CompactReader reader(ByteSpan(w.bytes()), /*max_depth=*/1);
  Tree tree;
  EXPECT_EQ(Decode(reader, kTree, &tree).ToString(),
            "corrupt: nesting depth exceeds the limit of 1 at offset 6");
}

}  // namespace
}  // namespace jao::parquet::thrift
