// The vacancy ids a SQLite first load has written so far, as a Bloom filter
// of fixed size: a chunk of a first load asks the vacancy table for the
// stored versions only of the ids that may be there already (written by an
// earlier chunk of the same load: the tables were empty when it began).
// Without it each chunk probed the table for every id, a random page of a
// table holding the whole file's text, to find the few in-file duplicates.
// A false "may be there" only costs that probe; a written id always answers
// yes. 1 MiB whatever the file: about 5 in a million ids answer yes wrongly
// after 100k ids, 2 in a hundred after a million.
#pragma once

#include <cstdint>
#include <vector>

namespace jao::db::sqlite {

class FirstLoadIds {
 public:
  FirstLoadIds();
  void Add(int32_t id);
  bool MayContain(int32_t id) const;

 private:
  std::vector<uint64_t> words_;
};

}  // namespace jao::db::sqlite
