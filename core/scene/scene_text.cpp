// Scene text to JSON: nlohmann's parser driven through a SAX handler of our own, which builds the value,
// stops at the depth limit and keeps where a parse error happened (nlohmann's DOM parser throws the
// number overflow without its position).

#include "scene/scene_text.h"

#include "support/input_limits.h"
#include "scene/scene_file.h"
#include "scene/scene_json_reader.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace gradscape {
namespace {

using nlohmann::json;

// "line L, column C" of the byte at `offset`; columns count characters (UTF-8 continuation bytes are
// not counted).
std::string lineAndColumn(const std::string& text, size_t offset) {
    offset = std::min(offset, text.size());
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n')
            ++line, column = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// The offset of the first '[' or '{' (outside strings) that opens a level past `limit`, if any.
std::optional<size_t> tooDeep(const std::string& text, int limit) {
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// Builds the value as nlohmann's DOM parser does, but refuses to open a level past the limit and keeps
// a parse error's position instead of throwing it.
class Builder {
  public:
    explicit Builder(json& root) : root_(root) {}

    bool null() { return place(nullptr); }
    bool boolean(bool value) { return place(value); }
    bool number_integer(json::number_integer_t value) { return place(value); }
    bool number_unsigned(json::number_unsigned_t value) { return place(value); }
    bool number_float(json::number_float_t value, const json::string_t&) { return place(value); }
    bool string(json::string_t& value) { return place(std::move(value)); }
    bool binary(json::binary_t& value) { return place(json::binary(std::move(value))); }
    bool start_object(std::size_t) { return open(json::object()); }
    bool key(json::string_t& key) {
        key_ = &(*open_.back())[key];
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t position, const std::string& lastToken, const json::exception& error) {
        errorPosition = position;
        errorToken = lastToken;
        errorId = error.id;
        errorMessage = error.what();
        return false;
    }

    bool tooDeep = false;
    std::optional<std::size_t> errorPosition;  // characters read when the error was seen
    std::string errorToken, errorMessage;
    int errorId = 0;

  private:
    json* put(json&& value) {
        if (open_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        json& container = *open_.back();
        if (container.is_array()) {
            container.push_back(std::move(value));
            return &container.back();
        }
        *key_ = std::move(value);
        return key_;
    }
    bool place(json&& value) {
        put(std::move(value));
        return true;
    }
    bool open(json&& container) {
        if (open_.size() >= static_cast<size_t>(limits::kMaxJsonDepth)) {
            tooDeep = true;
            return false;
        }
        open_.push_back(put(std::move(container)));
        return true;
    }
    bool close() {
        open_.pop_back();
        return true;
    }

    json& root_;
    std::vector<json*> open_;  // the objects and lists being filled, innermost last
    json* key_ = nullptr;      // the member the object's last key named
};

// nlohmann's explanation in our order: what it found, then in what ("unexpected ','; expected string
// literal (while parsing object)"), without its prefix (whose column counts bytes, ours characters) and
// without the text it says it last read: that runs back over earlier tokens (to the start of the file
// for a long one), and the line and column already say where.
std::string plainSyntaxError(const std::string& message) {
    std::string detail = message, context;
    if (const auto at = detail.find("syntax error "); at != std::string::npos)
        detail = detail.substr(at + 13);
    if (const auto dash = detail.find(" - "); dash != std::string::npos && detail.rfind("while ", 0) == 0) {
        context = " (" + detail.substr(0, dash) + ")";
        detail = detail.substr(dash + 3);
    }
    if (const auto at = detail.find("; last read: '"); at != std::string::npos) {
        const auto expected = detail.rfind("'; expected ");
        detail = detail.substr(0, at) +
                 (expected != std::string::npos && expected > at ? detail.substr(expected + 1) : "");
    }
    return cutTo(detail, 4 * limits::kMaxEchoedCharacters) + context;
}

}  // namespace

json parseSceneText(const std::string& text) {
    if (text.size() > limits::kMaxSceneFileBytes)
        throw SceneError("the scene is " + std::to_string(text.size()) +
                         " bytes; a scene file holds at most " + std::to_string(limits::kMaxSceneFileBytes) +
                         " bytes");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw SceneError("the file is empty; expected a JSON scene");
    json root;
    Builder builder(root);
    if (json::sax_parse(text, &builder, json::input_format_t::json, true)) return root;

    if (builder.tooDeep) {
        const std::string depth = "the JSON nests deeper than " + std::to_string(limits::kMaxJsonDepth) +
                                  " levels of objects and lists (a scene needs 5)";
        const auto at = tooDeep(text, limits::kMaxJsonDepth);
        throw SceneError(at ? lineAndColumn(text, *at) + ": " + depth : depth);
    }
    // nlohmann counts the characters read, the offending one included.
    const size_t read = builder.errorPosition.value_or(text.size());
    const size_t offset = read > 0 ? read - 1 : 0;
    if (builder.errorId == 406) {  // out_of_range.406: a number too large for a double
        const size_t start = read >= builder.errorToken.size() ? read - builder.errorToken.size() : 0;
        throw SceneError(lineAndColumn(text, start) + ": the number " +
                         shortened(builder.errorToken) +
                         " is too large (numbers must be within ±1.8e308)");
    }
    const std::string where = lineAndColumn(text, offset);
    if (offset >= text.size() || text.find_first_not_of(" \t\r\n", offset) == std::string::npos)
        throw SceneError("the JSON ends too early at " + where + " (is the file truncated?)");
    throw SceneError("JSON syntax error at " + where + ": " + plainSyntaxError(builder.errorMessage));
}

}  // namespace gradscape
