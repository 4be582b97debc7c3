// SPDX-License-Identifier: MIT
// Errors as values: every core API that can fail returns a Result<T> carrying either a value or an Error.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tapedeck {

// The numeric values are the CLI exit codes of DESIGN.md §4; the GUI maps the same codes to banners.
enum class ErrorCode : int {
    Differences = 1,
    Usage = 2,
    Password = 3,
    InvalidInput = 4,
    Io = 5,
    Cancelled = 130,
};

struct Error
{
    ErrorCode code = ErrorCode::InvalidInput;
    QString message;
};

template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

using Status = Result<std::monostate>;

inline Status success()
{
    return std::monostate {};
}

inline Error makeError(ErrorCode code, QString message)
{
    return Error { code, std::move(message) };
}

} // namespace tapedeck
