#include "parquet/column_reader.h"

#include <algorithm>
#include <string>

#include "parquet/logical.h"

namespace jao::parquet {

ColumnReader::ColumnReader(const ColumnDescriptor* column,
                           std::unique_ptr<PageReader> pages)
    : column_(column),
      pages_(std::move(pages)),
      value_type_(column->physical_type),
      // A list's own definition level is 1 when it may be null; its
      // repeated field adds one more: from there on an element slot exists.
      element_level_(static_cast<int16_t>((column->optional ? 1 : 0) + 1)) {}

Status ColumnReader::PageError(const Status& status) const {
  return status.WithContext("page at offset " + std::to_string(page_.offset));
}

Status ColumnReader::CountPresent(ByteSpan definition, int64_t entries,
                                  int64_t* present) {
  LevelDecoder levels;
  levels.Init("definition", definition, column_->max_definition_level);
  std::vector<uint32_t> chunk;
  *present = 0;
  for (int64_t done = 0; done < entries;) {
    int64_t k = std::min(kLevelChunk, entries - done);
    chunk.resize(static_cast<size_t>(k));
    RETURN_IF_ERROR(levels.Get(chunk.data(), k));
    *present +=
        std::count(chunk.begin(), chunk.end(),
                   static_cast<uint32_t>(column_->max_definition_level));
    done += k;
  }
  return Status::Ok();
}

Status ColumnReader::StartDataPage() {
  const PageHeader& header = page_.header;
  ValueStream* values = page_.values.get();
  ByteSpan repetition, definition;
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  if (header.type == PageType::DATA_PAGE) {
    const DataPageHeader& v1 = *header.data_page_header;
    num_values = v1.num_values;
    encoding = v1.encoding;
    RETURN_IF_ERROR(ReadLevelsV1(values, v1, column_->max_repetition_level,
                                 column_->max_definition_level, &rep_bytes_,
                                 &def_bytes_));
    repetition = rep_bytes_;
    definition = def_bytes_;
  } else {
    const DataPageHeaderV2& v2 = *header.data_page_header_v2;
    num_values = v2.num_values;
    encoding = v2.encoding;
    SplitDataPageV2(page_.data->span(), v2, &repetition, &definition);
  }
  if (num_values < 0) {
    return Status::Corrupt("num_values " + std::to_string(num_values) +
                           " is negative");
  }
  repetition_.Init("repetition", repetition, column_->max_repetition_level);
  definition_.Init("definition", definition, column_->max_definition_level);
  page_levels_left_ = num_values;
  page_rows_seen_ = 0;
  page_nulls_seen_ = 0;
  page_loaded_ = true;
  if (num_values == 0) return Status::Ok();
  int64_t present = num_values;
  if (NeedsPageValueCount(encoding) && column_->max_definition_level > 0) {
    RETURN_IF_ERROR(CountPresent(definition, num_values, &present));
  }
  ASSIGN_OR_RETURN(values_, MakeValueDecoder(encoding, *column_, values,
                                             dictionary_, present));
  return Status::Ok();
}

Status ColumnReader::LoadDataPage(bool* loaded) {
  values_.reset();
  while (true) {
    ASSIGN_OR_RETURN(bool got, pages_->NextStreamed(&page_));
    if (!got) {
      *loaded = false;
      return Status::Ok();
    }
    if (page_.header.type == PageType::DICTIONARY_PAGE) {
      if (dictionary_) {
        return PageError(
            Status::Corrupt("column chunk has a second dictionary page"));
      }
      const DictionaryPageHeader& dict = *page_.header.dictionary_page_header;
      auto decoded = DecodeDictionaryPage(*column_, dict.encoding,
                                          dict.num_values, page_.data);
      if (!decoded.ok()) return PageError(decoded.status());
      dictionary_ = std::move(decoded).value();
      dictionary_out_ = dictionary_;
      if (column_->logical_type.kind == LogicalTypeKind::FLOAT16) {
        auto widened = std::make_shared<ColumnBatch>(*dictionary_);
        Status status = WidenFloat16(widened.get(), widened->validity.data(),
                                     widened->validity.size());
        if (!status.ok()) return PageError(status);
        dictionary_out_ = std::move(widened);
      }
      continue;
    }
    Status status = StartDataPage();
    if (!status.ok()) return PageError(status);
    if (page_levels_left_ > 0) {
      *loaded = true;
      return Status::Ok();
    }
  }
}

Status ColumnReader::CheckPageCounts() const {
  if (page_.header.type != PageType::DATA_PAGE_V2) return Status::Ok();
  const DataPageHeaderV2& v2 = *page_.header.data_page_header_v2;
  if (v2.num_rows != page_rows_seen_) {
    return PageError(Status::Corrupt(
        "num_rows " + std::to_string(v2.num_rows) + " but its levels hold " +
        std::to_string(page_rows_seen_) + " rows"));
  }
  if (v2.num_nulls != page_nulls_seen_) {
    return PageError(Status::Corrupt(
        "num_nulls " + std::to_string(v2.num_nulls) + " but its levels hold " +
        std::to_string(page_nulls_seen_) + " nulls"));
  }
  return Status::Ok();
}

Status ColumnReader::Refill(bool* have) {
  while (page_levels_left_ == 0) {
    if (page_loaded_) {
      RETURN_IF_ERROR(CheckPageCounts());
      page_loaded_ = false;
    }
    bool loaded = false;
    RETURN_IF_ERROR(LoadDataPage(&loaded));
    if (!loaded) {
      *have = false;
      return Status::Ok();
    }
  }
  int64_t k = std::min(kLevelChunk, page_levels_left_);
  rep_buf_.resize(static_cast<size_t>(k));
  def_buf_.resize(static_cast<size_t>(k));
  if (column_->max_repetition_level > 0) {
    Status status = repetition_.Get(rep_buf_.data(), k);
    if (!status.ok()) return PageError(status);
  } else {
    std::fill(rep_buf_.begin(), rep_buf_.end(), 0);
  }
  if (column_->max_definition_level > 0) {
    Status status = definition_.Get(def_buf_.data(), k);
    if (!status.ok()) return PageError(status);
  } else {
    std::fill(def_buf_.begin(), def_buf_.end(), 0);
  }
  page_levels_left_ -= k;
  buf_pos_ = 0;
  buf_len_ = static_cast<size_t>(k);
  *have = true;
  return Status::Ok();
}

Status ColumnReader::DecodeSlots(int64_t at, int64_t n, const uint8_t* valid,
                                 ColumnBatch* out) {
  int64_t present = std::count(valid, valid + n, uint8_t{1});
  size_t total = static_cast<size_t>(at + n);
  ResizeValues(out, value_type_, total);
  if (present > 0 && !values_->from_dictionary()) {
    batch_all_dictionary_ = false;
    out->dictionary_indices.clear();
  }
  if (batch_all_dictionary_) out->dictionary_indices.resize(total);
  if (present == 0) return Status::Ok();
  Status status = values_->Decode(present, out, at);
  if (!status.ok()) return PageError(status);
  SpreadValues(out, value_type_, at, valid, n, present);
  if (batch_all_dictionary_ && present < n) {
    int32_t* indices = out->dictionary_indices.data() + at;
    int64_t from = present - 1;
    for (int64_t to = n - 1; to >= 0; --to) {
      indices[to] = valid[to] ? indices[from--] : 0;
    }
  }
  bool views = value_type_ == Type::BYTE_ARRAY ||
               value_type_ == Type::FIXED_LEN_BYTE_ARRAY;
  if (views && values_->from_dictionary() && !batch_dictionary_added_) {
    out->buffers.insert(out->buffers.end(), dictionary_->buffers.begin(),
                        dictionary_->buffers.end());
    batch_dictionary_added_ = true;
  }
  bool page_views = views && !values_->from_dictionary();
  // A decoder with memory of its own (DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT)
  // made views into it alone: the batch keeps that, not the page.
  bool own_views = page_views && values_->owns_views();
  if (own_views) values_->TakeStorage(&out->buffers);
  // The stream's windows the views point into (or, values not being views
  // of the page, let it forget them so that they are freed).
  page_.values->TakeBuffers(page_views && !own_views ? &out->buffers : nullptr);
  return Status::Ok();
}

Status ColumnReader::Consume(size_t begin, size_t end, ColumnBatch* out) {
  const uint32_t max_def = static_cast<uint32_t>(column_->max_definition_level);
  if (!column_->is_list) {
    size_t at = out->validity.size();
    int64_t n = static_cast<int64_t>(end - begin);
    out->validity.resize(at + n);
    for (size_t i = begin; i < end; ++i) {
      bool present = def_buf_[i] == max_def;
      out->validity[at + i - begin] = present;
      page_nulls_seen_ += !present;
    }
    batch_rows_ += n;
    page_rows_seen_ += n;
    return DecodeSlots(static_cast<int64_t>(at), n, out->validity.data() + at,
                       out);
  }
  const uint32_t list_level = column_->optional ? 1 : 0;
  size_t at = out->element_validity.size();
  for (size_t i = begin; i < end; ++i) {
    uint32_t def = def_buf_[i];
    if (rep_buf_[i] == 0) {
      if (batch_rows_ > 0) {
        out->list_offsets.push_back(
            static_cast<int64_t>(out->element_validity.size()));
      }
      out->validity.push_back(def >= list_level);
      ++batch_rows_;
      ++page_rows_seen_;
    }
    if (def >= static_cast<uint32_t>(element_level_)) {
      out->element_validity.push_back(def == max_def);
    }
    page_nulls_seen_ += def < max_def;
  }
  int64_t n = static_cast<int64_t>(out->element_validity.size() - at);
  return DecodeSlots(static_cast<int64_t>(at), n,
                     out->element_validity.data() + at, out);
}

Status ColumnReader::Read(int64_t rows, ColumnBatch* out) {
  *out = ColumnBatch();
  out->column = column_;
  if (column_->is_list) out->list_offsets.push_back(0);
  batch_rows_ = 0;
  batch_dictionary_added_ = false;
  batch_all_dictionary_ = true;
  while (true) {
    if (!column_->is_list && batch_rows_ == rows) break;
    if (buf_pos_ == buf_len_) {
      bool have = false;
      RETURN_IF_ERROR(Refill(&have));
      if (!have) break;
    }
    if (!column_->is_list) {
      size_t n = static_cast<size_t>(
          std::min<int64_t>(rows - batch_rows_, buf_len_ - buf_pos_));
      RETURN_IF_ERROR(Consume(buf_pos_, buf_pos_ + n, out));
      buf_pos_ += n;
      continue;
    }
    // A list row runs until the next repetition level 0: stop before the
    // entry that would start row rows + 1.
    int64_t started = batch_rows_;
    bool stop = false;
    size_t end = buf_pos_;
    for (; end < buf_len_; ++end) {
      if (rep_buf_[end] != 0) {
        if (started == 0) {
          return PageError(Status::Corrupt("repetition level " +
                                           std::to_string(rep_buf_[end]) +
                                           " where a row must start"));
        }
        continue;
      }
      if (started == rows) {
        stop = true;
        break;
      }
      ++started;
    }
    RETURN_IF_ERROR(Consume(buf_pos_, end, out));
    buf_pos_ = end;
    if (stop) break;
  }
  if (batch_rows_ < rows) {
    return Status::Corrupt("column chunk ends after " +
                           std::to_string(rows_read_ + batch_rows_) + " of " +
                           std::to_string(rows_read_ + rows) + " rows");
  }
  rows_read_ += batch_rows_;
  out->num_rows = batch_rows_;
  const std::vector<uint8_t>& slots =
      column_->is_list ? out->element_validity : out->validity;
  if (column_->is_list) {
    out->list_offsets.push_back(static_cast<int64_t>(slots.size()));
  }
  ResizeValues(out, value_type_, slots.size());
  if (dictionary_ && batch_all_dictionary_) {
    out->dictionary = dictionary_out_;
    out->dictionary_indices.resize(slots.size());
  } else {
    out->dictionary_indices.clear();
  }
  if (column_->logical_type.kind == LogicalTypeKind::FLOAT16) {
    RETURN_IF_ERROR(WidenFloat16(out, slots.data(), slots.size()));
  }
  // A batch served from its dictionary reads the dictionary's, decoded once.
  if (!out->dictionary) DecodeLogicalValues(out);
  return Status::Ok();
}

Status ColumnReader::CheckExhausted() {
  bool more = buf_pos_ < buf_len_;
  if (!more) RETURN_IF_ERROR(Refill(&more));
  if (more) {
    return Status::Corrupt("column chunk has values beyond its " +
                           std::to_string(rows_read_) + " rows");
  }
  return Status::Ok();
}

}  // namespace jao::parquet
