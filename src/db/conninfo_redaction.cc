// See conninfo_redaction.h.
#include "db/conninfo_redaction.h"

#include <algorithm>
#include <vector>

namespace jao::db {
namespace {

constexpr std::string_view kMask = "***";

struct Span {
  size_t begin = 0;
  size_t end = 0;  // one past
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// The value spans of `password=` in key=value text: unquoted up to white
// space, or quoted up to the closing quote (or the end when unclosed).
void KeyValuePasswords(std::string_view text, std::vector<Span>* out) {
  size_t at = 0;
  while ((at = text.find("password", at)) != std::string_view::npos) {
    const bool starts_word = at == 0 || IsSpace(text[at - 1]);
    size_t p = at + 8;
    at = p;
    if (!starts_word) continue;
    while (p < text.size() && IsSpace(text[p])) ++p;
    if (p >= text.size() || text[p] != '=') continue;
    ++p;
    while (p < text.size() && IsSpace(text[p])) ++p;
    Span value{p, p};
    if (p < text.size() && text[p] == '\'') {
      value.begin = ++p;
      while (p < text.size() && text[p] != '\'') p += text[p] == '\\' ? 2 : 1;
      value.end = std::min(p, text.size());
    } else {
      while (p < text.size() && !IsSpace(text[p])) ++p;
      value.end = p;
    }
    if (value.end > value.begin) out->push_back(value);
  }
}

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// A URL typed without its "@host" ("postgresql://bob:Secret") reads as
// host:port to a URL parser, so libpq quotes the password as a bad port.
// Every port of the authority (hosts are comma-separated) that is not a
// number is taken for a password.
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
      if (!port.empty() && !AllDigits(port)) out->push_back({colon + 1, comma});
    }
    host = comma + 1;
  }
}

// The password spans of a URL: the userinfo after its first ':' (userinfo
// ends at the last '@', so a '/' or '?' typed in a password stays inside),
// a port that is not a number when there is no userinfo, and every
// `password=` query value.
void UrlPasswords(std::string_view text, size_t scheme_end,
                  std::vector<Span>* out) {
  const size_t rest = scheme_end + 3;
  const size_t at = text.rfind('@');
  if (at != std::string_view::npos && at > rest) {
    const size_t colon = text.find(':', rest);
    if (colon != std::string_view::npos && colon < at) {
      out->push_back({colon + 1, at});
    }
  } else {
    PortsThatAreNotNumbers(text, rest, out);
  }
  size_t p = text.find('?', rest);
  while (p != std::string_view::npos && p < text.size()) {
    const size_t key = p + 1;
    const size_t amp = std::min(text.find('&', key), text.size());
    const std::string_view pair = text.substr(key, amp - key);
    if (pair.substr(0, 9) == "password=" && pair.size() > 9) {
      out->push_back({key + 9, amp});
    }
    p = amp;
  }
}

std::vector<Span> Passwords(std::string_view text) {
  std::vector<Span> spans;
  const size_t scheme_end = text.find("://");
  if (scheme_end != std::string_view::npos) {
    UrlPasswords(text, scheme_end, &spans);
  } else {
    KeyValuePasswords(text, &spans);
  }
  return spans;
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

void ReplaceAll(std::string* text, std::string_view what,
                std::string_view with) {
  if (what.empty()) return;
  for (size_t at = text->find(what); at != std::string::npos;
       at = text->find(what, at + with.size())) {
    text->replace(at, what.size(), with);
  }
}

}  // namespace

std::string RedactConninfo(std::string_view target) {
  std::vector<Span> spans = Passwords(target);
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin > b.begin; });
  std::string out(target);
  for (const Span& span : spans) {
    out.replace(span.begin, span.end - span.begin, kMask);
  }
  return out;
}

std::string ScrubConninfoSecrets(std::string_view message,
                                 std::string_view target) {
  std::string out(message);
  const std::string redacted = RedactConninfo(target);
  ReplaceAll(&out, target, redacted);
  // The password, its decoded form, and each piece a URL parser may cut it
  // into (libpq quotes a token such as "Se%zzcret" or a port "Sec"),
  // longest first so that a piece never leaves part of a longer one.
  std::vector<std::string> secrets;
  for (const Span& span : Passwords(target)) {
    const std::string_view password =
        target.substr(span.begin, span.end - span.begin);
    secrets.emplace_back(password);
    secrets.push_back(PercentDecoded(password));
    size_t begin = 0;
    for (size_t i = 0; i <= password.size(); ++i) {
      if (i == password.size() ||
          std::string_view("/?#@:[]&=%").find(password[i]) !=
              std::string_view::npos) {
        if (i > begin) secrets.emplace_back(password.substr(begin, i - begin));
        begin = i + 1;
      }
    }
  }
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() > b.size();
            });
  for (const std::string& secret : secrets) {
    if (secret == kMask) continue;
    ReplaceAll(&out, secret, kMask);
  }
  return out;
}

}  // namespace jao::db
