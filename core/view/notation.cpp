#include "view/notation.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>

namespace gradscape {
namespace {

bool isWordCharacter(char c) {
    return std::isalnum(static_cast<unsigned char>(c));
}

const std::map<std::string_view, std::string_view>& words() {
    static const std::map<std::string_view, std::string_view> table = {
        {"eta", "\u03b7"},      {"beta", "\u03b2"},     {"beta1", "\u03b2\u2081"}, {"beta2", "\u03b2\u2082"},
        {"b1", "\u03b2\u2081"}, {"b2", "\u03b2\u2082"}, {"lambda", "\u03bb"},      {"mu", "\u03bc"},
        {"rho", "\u03c1"},      {"alpha", "\u03b1"},    {"sigma", "\u03c3"},       {"xi", "\u03be"},
        {"delta", "\u03b4"},    {"eps", "\u03b5"},      {"epsilon", "\u03b5"},     {"kappa", "\u03ba"},
        {"theta", "\u03b8"},    {"phi", "\u03c6"},      {"grad", "\u2207"},        {"sqrt", "\u221a"},
    };
    return table;
}

// Symbols replaced wherever they occur, longest first.
constexpr std::pair<std::string_view, std::string_view> kSymbols[] = {
    {"<-", "\u2190"}, {"<=", "\u2264"},    {">=", "\u2265"},    {"^-1", "\u207b\u00b9"},
    {"^2", "\u00b2"}, {" * ", " \u00b7 "}, {" - ", " \u2212 "},
};

}  // namespace

std::string mathNotation(const std::string& ascii) {
    std::string out;
    out.reserve(ascii.size() + 16);
    size_t i = 0;
    while (i < ascii.size()) {
        if (isWordCharacter(ascii[i])) {
            size_t end = i;
            while (end < ascii.size() && isWordCharacter(ascii[end]))
                ++end;
            const std::string_view word(ascii.data() + i, end - i);
            const auto it = words().find(word);
            std::string_view replacement = it != words().end() ? it->second : word;
            // "grad f" reads as ∇f: the space after ∇ goes.
            if (word == "grad" && end < ascii.size() && ascii[end] == ' ') ++end;
            out += replacement;
            i = end;
            continue;
        }
        bool replaced = false;
        for (const auto& [symbol, replacement] : kSymbols)
            if (std::string_view(ascii).substr(i, symbol.size()) == symbol) {
                out += replacement;
                i += symbol.size();
                replaced = true;
                break;
            }
        if (!replaced) out += ascii[i++];
    }
    return out;
}

std::string viewNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", std::abs(value) < 1e-12 ? 0.0 : value);
    return text;
}

}  // namespace gradscape
