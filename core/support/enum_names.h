#pragma once
// The names of an enumeration's values, in one table per enumeration: the word files and the command
// line spell (`name`) and the words a panel shows (`label`). Every reader and writer of a value (scene
// file, state file, command line, panel) goes through its table, so a value is named in one place and
// a new value is one row.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradscape {

/// One value of an enumeration with its names.
template <class Enum>
struct EnumName {
    Enum value;
    const char* name;   ///< As files and the command line spell it: "high-contrast".
    const char* label;  ///< As a panel shows it: "high contrast".
};

/// The name of `value` in `table` (the first row's when the table lacks it).
template <class Enum, std::size_t N>
const char* nameOf(const EnumName<Enum> (&table)[N], Enum value) {
    for (const auto& row : table)
        if (row.value == value) return row.name;
    return table[0].name;
}

/// The label of `value` in `table` (the first row's when the table lacks it).
template <class Enum, std::size_t N>
const char* labelOf(const EnumName<Enum> (&table)[N], Enum value) {
    for (const auto& row : table)
        if (row.value == value) return row.label;
    return table[0].label;
}

/// The value `table` names `name`, or nothing when no row has that name.
template <class Enum, std::size_t N>
std::optional<Enum> valueNamed(const EnumName<Enum> (&table)[N], std::string_view name) {
    for (const auto& row : table)
        if (name == row.name) return row.value;
    return std::nullopt;
}

/// Every name of `table`, in its order (for a command line's list of allowed values).
template <class Enum, std::size_t N>
std::vector<std::string> namesOf(const EnumName<Enum> (&table)[N]) {
    std::vector<std::string> names;
    for (const auto& row : table)
        names.emplace_back(row.name);
    return names;
}

/// The names as a sentence lists them: "dark, high-contrast or colour-blind-safe" with `last` " or ",
/// "contour, surface, both" with ", ".
template <class Enum, std::size_t N>
std::string nameList(const EnumName<Enum> (&table)[N], const char* last = ", ") {
    std::string list;
    for (std::size_t i = 0; i < N; ++i)
        list += (i == 0 ? "" : i + 1 == N ? last : ", ") + std::string(table[i].name);
    return list;
}

}  // namespace gradscape
