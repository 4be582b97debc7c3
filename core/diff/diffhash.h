// SPDX-License-Identifier: MIT
// The canonical value hash of the diff: equal for values DataHub's DeepDiff comparison finds equal (key
// order and list order ignored, a list's repeated items counted once, 1 and 1.0 different), so identical
// aspects are recognised without ever being compared field by field.
#pragma once

#include <QtGlobal>

#include <cstring>

namespace tapedeck::DiffHash {

// Tags keep values of different JSON types apart (DeepDiff reports them as type changes).
enum Tag : quint64 {
    NullTag = 0x6e756c6cull,
    FalseTag = 0x66616c73ull,
    TrueTag = 0x74727565ull,
    IntegerTag = 0x696e7465ull,
    FloatTag = 0x666c6f61ull,
    StringTag = 0x73747269ull,
    ArrayTag = 0x61727261ull,
    ObjectTag = 0x6f626a65ull,
};

// SplitMix64's finaliser: every input bit affects every output bit.
inline quint64 mix(quint64 x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

// __extension__: GCC and Clang have a 128-bit integer on 64-bit targets; -Wpedantic would flag the
// non-ISO type, and the full 64x64 product is what makes the hash fast.
__extension__ typedef unsigned __int128 Product;

inline quint64 multiplyFold(quint64 a, quint64 b)
{
    const Product r = static_cast<Product>(a) * b;
    return quint64(r) ^ quint64(r >> 64);
}

// 64-bit hash of bytes (the multiply-and-fold construction of wyhash; not for adversarial input).
inline quint64 bytes(const char *p, size_t n, quint64 seed = 0)
{
    constexpr quint64 s0 = 0xa0761d6478bd642full, s1 = 0xe7037ed1a0b428dbull, s2 = 0x8ebc6af09c88c6e3ull;
    quint64 h = seed ^ multiplyFold(n ^ s0, s1);
    while (n >= 16) {
        quint64 a, b;
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, 8);
        h = multiplyFold(a ^ s1 ^ h, b ^ s2);
        p += 16;
        n -= 16;
    }
    quint64 a = 0, b = 0;
    if (n >= 8) {
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8); // overlapping read of the last 8 bytes
    } else if (n > 0) {
        std::memcpy(&a, p, n);
    }
    return mix(multiplyFold(a ^ s1 ^ h, b ^ s2 ^ n));
}

inline quint64 string(const char *utf8, size_t n)
{
    return bytes(utf8, n, StringTag);
}

// An object member: order-sensitive in (key, value), so swapping two values changes the hash.
inline quint64 member(quint64 keyHash, quint64 valueHash)
{
    return mix(keyHash * 0x9e3779b97f4a7c15ull + mix(valueHash ^ 0x2545f4914f6cdd1dull));
}

// Objects: the members' hashes summed (order-free); lists: the distinct items' hashes summed.
inline quint64 object(quint64 memberSum, quint64 count)
{
    return mix(memberSum ^ mix(count + ObjectTag));
}
inline quint64 item(quint64 itemHash)
{
    return mix(itemHash ^ 0x7f4a7c159e3779b9ull);
}
inline quint64 array(quint64 distinctItemSum, quint64 distinctCount)
{
    return mix(distinctItemSum ^ mix(distinctCount + ArrayTag));
}

// Numbers: an integer by its canonical digits, a float by its value (-0.0 as 0.0, every NaN alike).
inline quint64 integerDigits(const char *digits, size_t n)
{
    if (n == 2 && digits[0] == '-' && digits[1] == '0') {
        digits = "0";
        n = 1;
    }
    return bytes(digits, n, IntegerTag);
}
inline quint64 floatValue(double value)
{
    if (value == 0)
        value = 0;
    if (value != value)
        return mix(FloatTag ^ 0x7ff8000000000000ull);
    quint64 bits;
    std::memcpy(&bits, &value, 8);
    return mix(FloatTag ^ bits);
}

} // namespace tapedeck::DiffHash
