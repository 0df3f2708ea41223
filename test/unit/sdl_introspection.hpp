// Test helper: the introspection answer of a small GraphQL SDL, built in C++ so that the unit
// tests need no node at run time. It reads the SDL subset the tests use:
//
//   schema { query: Root }                     (optional; the query type is Query otherwise)
//   scalar Name
//   enum Name { A B C }
//   union Name = A | B
//   input Name { field: Type = default }
//   type Name implements I & J { field(arg: Type = default): Type @deprecated }
//   interface Name { ... }
//
// Descriptions ("..." before a definition or field) and directives other than @deprecated
// are skipped. Default values are kept as written. The built-in scalars Int, Float, String,
// ID and Boolean are appended unless the SDL declares them. A name used but not declared is
// referenced as an OBJECT and not listed (tests of invalid answers rely on that).
//
// TypeRefJson builds one {kind, name, ofType} reference from type text ("[Int!]!").
#pragma once

#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace rrtest {

namespace sdl_detail {

inline std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

struct InputValueDef {
  std::string name, type, default_value;
  bool has_default = false;
};

struct FieldDef {
  std::string name, type;
  std::vector<InputValueDef> args;
  bool deprecated = false;
};

struct TypeDef {
  std::string kind;  // SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT
  std::string name;
  std::vector<FieldDef> fields;
  std::vector<InputValueDef> input_fields;
  std::vector<std::string> enum_values, members, interfaces;
};

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  void Parse(std::vector<TypeDef>* types, std::string* query_type) {
    while (SkipSpace(), pos_ < text_.size()) {
      SkipDescription();
      std::string keyword = Name();
      if (keyword == "schema") {
        Expect('{');
        while (!Peek('}')) {
          std::string operation = Name();
          Expect(':');
          std::string type = Name();
          if (operation == "query") *query_type = type;
        }
        Expect('}');
        continue;
      }
      TypeDef type;
      type.name = Name();
      if (keyword == "scalar") {
        type.kind = "SCALAR";
        SkipDirectives();
      } else if (keyword == "enum") {
        type.kind = "ENUM";
        Expect('{');
        while (!Peek('}')) {
          SkipDescription();
          type.enum_values.push_back(Name());
          SkipDirectives();
        }
        Expect('}');
      } else if (keyword == "union") {
        type.kind = "UNION";
        Expect('=');
        if (Peek('|')) Expect('|');
        type.members.push_back(Name());
        while (Peek('|')) {
          Expect('|');
          type.members.push_back(Name());
        }
      } else if (keyword == "input") {
        type.kind = "INPUT_OBJECT";
        Expect('{');
        while (!Peek('}')) type.input_fields.push_back(InputValue());
        Expect('}');
      } else if (keyword == "type" || keyword == "interface") {
        type.kind = keyword == "type" ? "OBJECT" : "INTERFACE";
        if (PeekWord("implements")) {
          Name();
          if (Peek('&')) Expect('&');
          type.interfaces.push_back(Name());
          while (Peek('&')) {
            Expect('&');
            type.interfaces.push_back(Name());
          }
        }
        Expect('{');
        while (!Peek('}')) type.fields.push_back(FieldDefinition());
        Expect('}');
      } else {
        Fail("unknown definition \"" + keyword + "\"");
      }
      types->push_back(std::move(type));
    }
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    throw std::runtime_error("SDL helper: " + what + " at byte " + std::to_string(pos_));
  }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
        ++pos_;
      } else {
        break;
      }
    }
  }

  bool Peek(char c) {
    SkipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  bool PeekWord(const std::string& word) {
    SkipSpace();
    return text_.compare(pos_, word.size(), word) == 0;
  }

  void Expect(char c) {
    if (!Peek(c)) Fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  std::string Name() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    if (pos_ == start) Fail("expected a name");
    return text_.substr(start, pos_ - start);
  }

  void SkipString() {
    Expect('"');
    while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    ++pos_;
  }

  void SkipDescription() {
    if (Peek('"')) SkipString();
  }

  // A default value as written: a name, number, string or balanced [...] / {...}.
  std::string Value() {
    SkipSpace();
    size_t start = pos_;
    if (Peek('"')) {
      SkipString();
    } else if (Peek('[') || Peek('{')) {
      int depth = 0;
      do {
        char c = text_[pos_];
        if (c == '[' || c == '{') ++depth;
        if (c == ']' || c == '}') --depth;
        if (c == '"') {
          SkipString();
          continue;
        }
        ++pos_;
      } while (depth > 0 && pos_ < text_.size());
    } else {
      while (pos_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[pos_])) || std::string("_-+.").find(text_[pos_]) != std::string::npos))
        ++pos_;
    }
    if (pos_ == start) Fail("expected a value");
    return text_.substr(start, pos_ - start);
  }

  std::string TypeText() {
    std::string out;
    if (Peek('[')) {
      Expect('[');
      out = "[" + TypeText() + "]";
      Expect(']');
    } else {
      out = Name();
    }
    if (Peek('!')) {
      Expect('!');
      out += "!";
    }
    return out;
  }

  // Skips directives; true when one of them is @deprecated.
  bool SkipDirectives() {
    bool deprecated = false;
    while (Peek('@')) {
      Expect('@');
      if (Name() == "deprecated") deprecated = true;
      if (Peek('(')) {
        Expect('(');
        while (!Peek(')')) {
          Name();
          Expect(':');
          Value();
        }
        Expect(')');
      }
    }
    return deprecated;
  }

  InputValueDef InputValue() {
    SkipDescription();
    InputValueDef value;
    value.name = Name();
    Expect(':');
    value.type = TypeText();
    if (Peek('=')) {
      Expect('=');
      value.default_value = Value();
      value.has_default = true;
    }
    SkipDirectives();
    return value;
  }

  FieldDef FieldDefinition() {
    SkipDescription();
    FieldDef field;
    field.name = Name();
    if (Peek('(')) {
      Expect('(');
      while (!Peek(')')) field.args.push_back(InputValue());
      Expect(')');
    }
    Expect(':');
    field.type = TypeText();
    field.deprecated = SkipDirectives();
    return field;
  }

  const std::string& text_;
  size_t pos_ = 0;
};

inline std::string RefJson(const std::string& text, const std::map<std::string, std::string>& kinds) {
  if (!text.empty() && text.back() == '!')
    return R"({"kind":"NON_NULL","name":null,"ofType":)" + RefJson(text.substr(0, text.size() - 1), kinds) + "}";
  if (!text.empty() && text.front() == '[')
    return R"({"kind":"LIST","name":null,"ofType":)" + RefJson(text.substr(1, text.size() - 2), kinds) + "}";
  auto found = kinds.find(text);
  std::string kind = found == kinds.end() ? "OBJECT" : found->second;
  return R"({"kind":")" + kind + R"(","name":)" + Quote(text) + R"(,"ofType":null})";
}

inline std::string InputValuesJson(const std::vector<InputValueDef>& values, const std::map<std::string, std::string>& kinds) {
  std::string out = "[";
  for (const auto& value : values) {
    out += out.size() > 1 ? "," : "";
    out += R"({"name":)" + Quote(value.name) + R"(,"type":)" + RefJson(value.type, kinds) +
           R"(,"defaultValue":)" + (value.has_default ? Quote(value.default_value) : "null") + "}";
  }
  return out + "]";
}

inline std::string NamedRefs(const std::vector<std::string>& names, const char* kind) {
  std::string out = "[";
  for (const auto& name : names)
    out += (out.size() > 1 ? "," : "") + std::string(R"({"kind":")") + kind + R"(","name":)" + Quote(name) + R"(,"ofType":null})";
  return out + "]";
}

}  // namespace sdl_detail

// {"kind": ..., "name": ..., "ofType": ...} for type text, the named type's kind taken from kinds
// (OBJECT for a name it lacks).
inline std::string TypeRefJson(const std::string& text, const std::map<std::string, std::string>& kinds = {
                                                            {"Int", "SCALAR"}, {"Float", "SCALAR"}, {"String", "SCALAR"},
                                                            {"ID", "SCALAR"}, {"Boolean", "SCALAR"}}) {
  return sdl_detail::RefJson(text, kinds);
}

// The __schema object ({"queryType": ..., "types": [...]}) of sdl.
inline std::string SchemaJsonFromSdl(const std::string& sdl) {
  using namespace sdl_detail;
  std::vector<TypeDef> types;
  std::string query_type = "Query";
  Parser(sdl).Parse(&types, &query_type);
  std::map<std::string, std::string> kinds;
  for (const auto& type : types) kinds[type.name] = type.kind;
  for (const char* builtin : {"Int", "Float", "String", "ID", "Boolean"}) {
    if (kinds.count(builtin)) continue;
    TypeDef scalar;
    scalar.kind = "SCALAR";
    scalar.name = builtin;
    types.push_back(scalar);
    kinds[builtin] = "SCALAR";
  }
  std::string out = R"({"queryType":{"name":)" + Quote(query_type) + R"(},"types":[)";
  bool first = true;
  for (const auto& type : types) {
    out += first ? "" : ",";
    first = false;
    bool has_fields = type.kind == "OBJECT" || type.kind == "INTERFACE";
    out += R"({"kind":")" + type.kind + R"(","name":)" + Quote(type.name) + R"(,"fields":)";
    if (has_fields) {
      out += "[";
      for (size_t i = 0; i < type.fields.size(); ++i) {
        const auto& field = type.fields[i];
        out += (i ? "," : "") + std::string(R"({"name":)") + Quote(field.name) + R"(,"args":)" +
               InputValuesJson(field.args, kinds) + R"(,"type":)" + RefJson(field.type, kinds) +
               R"(,"isDeprecated":)" + (field.deprecated ? "true" : "false") + "}";
      }
      out += "]";
    } else {
      out += "null";
    }
    out += R"(,"inputFields":)" + (type.kind == "INPUT_OBJECT" ? InputValuesJson(type.input_fields, kinds) : "null");
    out += R"(,"interfaces":)" + (has_fields ? NamedRefs(type.interfaces, "INTERFACE") : "null");
    std::string enum_values = "null";
    if (type.kind == "ENUM") {
      enum_values = "[";
      for (const auto& value : type.enum_values)
        enum_values += (enum_values.size() > 1 ? "," : "") + std::string(R"({"name":)") + Quote(value) + "}";
      enum_values += "]";
    }
    out += R"(,"enumValues":)" + enum_values;
    std::vector<std::string> possible = type.members;
    if (type.kind == "INTERFACE")
      for (const auto& other : types)
        for (const auto& implemented : other.interfaces)
          if (implemented == type.name && other.kind == "OBJECT") possible.push_back(other.name);
    bool abstract = type.kind == "UNION" || type.kind == "INTERFACE";
    out += R"(,"possibleTypes":)" + (abstract ? NamedRefs(possible, "OBJECT") : "null") + "}";
  }
  return out + "]}";
}

// An endpoint's answer, {"data": {"__schema": ...}}.
inline std::string AnswerFromSdl(const std::string& sdl) { return R"({"data":{"__schema":)" + SchemaJsonFromSdl(sdl) + "}}"; }

// graphql-js introspectionFromSchema's form, {"__schema": ...}.
inline std::string BareAnswerFromSdl(const std::string& sdl) { return R"({"__schema":)" + SchemaJsonFromSdl(sdl) + "}"; }

}  // namespace rrtest
