// The reader's entry point. Map of the reader, in the order bytes flow:
//
//   random_access_file.*  positional reads (pread) of the file
//   footer.*          file tail: magic, metadata length, FileMetaData
//   thrift_compact.*  compact-protocol primitives under metadata.*
//   metadata.*        FileMetaData / PageHeader structs, bounds-checked
//   schema.*          schema tree -> leaf ColumnDescriptors
//   page_reader.*     one column chunk's pages: header, CRC, decompression
//   compression.*     Decompress(codec, in, out) over Debian's libraries
//   encoding/         one decoder a file (plain, rle/bit-packed, delta, ...)
//   level_decoder.*   definition / repetition levels of a data page
//   value_decoder.*   a page's values by encoding -> typed arrays
//   column_reader.*   pages -> levels + values -> ColumnBatch
//   logical.*         instants and exact decimals beside the physical values
//   file_reader.*     this file: open, metadata, batches across row groups
//
// Pages are read as batches need them: memory is bounded by the batch and the
// pages in flight, never by the row group.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "parquet/batch.h"
#include "parquet/metadata.h"
#include "parquet/page_reader.h"
#include "parquet/schema.h"

namespace jao::parquet {

class BatchReader;
class RandomAccessFile;

class FileReader {
 public:
  // Opens `path` and decodes its footer. Errors name the file:
  // "<path>: file is 12 bytes, smaller than the 12-byte minimum"... Files with
  // an encrypted footer are refused as Unsupported.
  static Result<std::unique_ptr<FileReader>> Open(const std::string& path);
  // The same over an already open file (tests: RandomAccessFile::FromBytes);
  // messages name file->path().
  static Result<std::unique_ptr<FileReader>> Open(
      std::unique_ptr<RandomAccessFile> file);
  virtual ~FileReader() = default;

  virtual const std::string& path() const = 0;
  virtual int64_t file_size() const = 0;
  virtual const FileMetaData& metadata() const = 0;
  virtual const Schema& schema() const = 0;

  // Streams the columns at `column_indices` (ColumnDescriptor::index) in
  // batches of at most `batch_rows` rows; batches never cross a row group.
  // `pages` sets when a page is streamed and in what pieces (tests and the
  // fuzzer stream every page). Fails at once if a column is unsupported.
  // The FileReader must outlive the BatchReader (the batches need not).
  virtual Result<std::unique_ptr<BatchReader>> ReadColumns(
      const std::vector<int>& column_indices, int64_t batch_rows,
      const PageReaderOptions& pages) = 0;
  Result<std::unique_ptr<BatchReader>> ReadColumns(
      const std::vector<int>& column_indices, int64_t batch_rows) {
    return ReadColumns(column_indices, batch_rows, PageReaderOptions{});
  }
};

class BatchReader {
 public:
  virtual ~BatchReader() = default;
  // Fills `out` with the next batch and returns true, or returns false at the
  // end of the file. Errors carry "<path>: row group R, column 'name': ...".
  virtual Result<bool> Next(RecordBatch* out) = 0;
  // Bytes of column chunk data read from the file so far (for progress).
  virtual int64_t bytes_read() const = 0;
};

}  // namespace jao::parquet
