// See conninfo_redaction.h.
#include "db/conninfo_redaction.h"

#include <algorithm>
#include <vector>

namespace jao::db {
namespace {

constexpr std::string_view kMask = "***";

enum class Field {
  kUserinfo,   // a URL's password, where libpq reads it
  kQuery,      // a URL's password= query parameter
  kKeyValue,   // a key=value password value
  kAmbiguous,  // masked, but not libpq's password (see the header)
};

struct Span {
  size_t begin = 0;
  size_t end = 0;  // one past
  Field field = Field::kAmbiguous;
  bool quoted = false;  // key=value: inside '...'
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Where libpq's key=value parser ends a value starting at `p` (on the
// closing quote when quoted); backslash escapes a character in both forms.
size_t ValueEnd(std::string_view text, size_t p, bool quoted) {
  while (p < text.size() && (quoted ? text[p] != '\'' : !IsSpace(text[p]))) {
    p += text[p] == '\\' ? 2 : 1;
  }
  return std::min(p, text.size());
}

// The password values of key=value text, split as libpq splits it: a
// keyword ends at '=' or white space, its value is quoted or runs to white
// space. A word without '=' right after an unquoted password is taken for
// more of it (typed with spaces and no quotes; libpq refuses the text and
// would quote the word).
void KeyValuePasswords(std::string_view text, std::vector<Span>* out) {
  size_t p = 0;
  bool after_unquoted_password = false;
  while (true) {
    while (p < text.size() && IsSpace(text[p])) ++p;
    if (p >= text.size()) return;
    const size_t key = p;
    while (p < text.size() && text[p] != '=' && !IsSpace(text[p])) ++p;
    const std::string_view keyword = text.substr(key, p - key);
    while (p < text.size() && IsSpace(text[p])) ++p;
    if (p >= text.size() || text[p] != '=') {
      if (after_unquoted_password) {
        out->back().end = key + keyword.size();
        out->back().field = Field::kAmbiguous;
      }
      p = key + keyword.size();
      continue;
    }
    ++p;
    while (p < text.size() && IsSpace(text[p])) ++p;
    const bool quoted = p < text.size() && text[p] == '\'';
    if (quoted) ++p;
    const size_t value = p;
    p = ValueEnd(text, p, quoted);
    after_unquoted_password = false;
    if (keyword == "password" && p > value) {
      out->push_back({value, p, Field::kKeyValue, quoted});
      after_unquoted_password = !quoted;
    }
    if (quoted && p < text.size()) ++p;
  }
}

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoded, with a bad escape kept as it is.
std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexDigit(text[i + 1]) >= 0 &&
        HexDigit(text[i + 2]) >= 0) {
      out +=
          static_cast<char>(HexDigit(text[i + 1]) * 16 + HexDigit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A URL typed without its "@host" ("postgresql://bob:Secret") reads as
// host:port to a URL parser, so libpq quotes the password as a bad port.
// Every port of the authority (hosts are comma-separated) that is not a
// number is masked.
void PortsThatAreNotNumbers(std::string_view text, size_t begin,
                            std::vector<Span>* out) {
  const size_t end = std::min(text.find_first_of("/?#", begin), text.size());
  size_t host = begin;
  while (host < end) {
    const size_t comma = std::min(text.find(',', host), end);
    const size_t bracket = text.rfind(']', comma);
    const size_t search_from =
        bracket != std::string_view::npos && bracket >= host ? bracket : host;
    const size_t colon = text.find(':', search_from);
    if (colon < comma) {
      const std::string_view port = text.substr(colon + 1, comma - colon - 1);
      if (!port.empty() && !AllDigits(port)) {
        out->push_back({colon + 1, comma, Field::kAmbiguous});
      }
    }
    host = comma + 1;
  }
}

// The password spans of a URL. libpq's userinfo ends at the first '@' met
// before any '/'; a ':' before the last '@' (a '/' or '@' typed in the
// password) is masked up to that '@' too.
void UrlPasswords(std::string_view text, size_t scheme_end,
                  std::vector<Span>* out) {
  const size_t rest = scheme_end + 3;
  const size_t first_stop = text.find_first_of("@/", rest);
  const size_t userinfo_end =
      first_stop != std::string_view::npos && text[first_stop] == '@'
          ? first_stop
          : std::string_view::npos;
  const size_t colon = text.find(':', rest);
  if (userinfo_end != std::string_view::npos && colon < userinfo_end &&
      colon + 1 < userinfo_end) {
    out->push_back({colon + 1, userinfo_end, Field::kUserinfo});
  }
  const size_t last_at = text.rfind('@');
  if (colon != std::string_view::npos && last_at != std::string_view::npos &&
      last_at > rest && last_at != userinfo_end &&
      colon < text.find('@', rest) && colon + 1 < last_at) {
    out->push_back({colon + 1, last_at, Field::kAmbiguous});
  }
  if (last_at == std::string_view::npos || last_at < rest) {
    PortsThatAreNotNumbers(text, rest, out);
  }
  const size_t query_from =
      userinfo_end != std::string_view::npos ? userinfo_end : rest;
  size_t p = text.find('?', query_from);
  while (p != std::string_view::npos && p < text.size()) {
    const size_t key = p + 1;
    const size_t amp = std::min(text.find('&', key), text.size());
    const size_t equals = std::min(text.find('=', key), amp);
    if (equals < amp && equals + 1 < amp &&
        PercentDecoded(text.substr(key, equals - key)) == "password") {
      out->push_back({equals + 1, amp, Field::kQuery});
    }
    p = amp;
  }
}

// Every span, in the order of the text.
std::vector<Span> Passwords(std::string_view text) {
  std::vector<Span> spans;
  const size_t scheme_end = text.find("://");
  if (scheme_end != std::string_view::npos) {
    UrlPasswords(text, scheme_end, &spans);
  } else {
    KeyValuePasswords(text, &spans);
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  return spans;
}

// A key=value value without its backslash escapes.
std::string Unescaped(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

}  // namespace

std::string RedactConninfo(std::string_view target) {
  // Overlapping spans are masked once, as their union.
  std::vector<Span> merged;
  for (const Span& span : Passwords(target)) {
    if (!merged.empty() && span.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  std::string out(target);
  for (auto it = merged.rbegin(); it != merged.rend(); ++it) {
    out.replace(it->begin, it->end - it->begin, kMask);
  }
  return out;
}

bool HoldsPassword(std::string_view target) {
  return !Passwords(target).empty();
}

TypedPassword FindTypedPassword(std::string_view target) {
  TypedPassword typed;
  // libpq keeps the last value it reads: a query parameter after the
  // userinfo, a later password= after an earlier one.
  const std::vector<Span> spans = Passwords(target);
  const Span* last = nullptr;
  for (const Span& span : spans) {
    if (span.field == Field::kAmbiguous) {
      typed.ambiguous = true;
    } else if (last == nullptr || span.begin > last->begin) {
      last = &span;
    }
  }
  if (last == nullptr) return typed;
  const std::string_view raw =
      target.substr(last->begin, last->end - last->begin);
  typed.value =
      last->field == Field::kKeyValue ? Unescaped(raw) : PercentDecoded(raw);
  return typed;
}

}  // namespace jao::db
