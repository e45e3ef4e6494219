// Known-answer and negative tests for the crypto primitives in crypto/crypto.h.
#define BOOST_TEST_MODULE crypto
#include <boost/test/unit_test.hpp>

#include <set>
#include <stdexcept>
#include <string>

#include "crypto/crypto.h"

using namespace rz::crypto;

namespace {

std::string Unhex(const std::string& hex) {
  auto raw = HexDecode(hex);
  BOOST_REQUIRE(raw.has_value());
  return *raw;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sha256_abc) {
  BOOST_TEST(HexEncode(Sha256("abc")) ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(HexEncode(Sha256("")) ==
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_rfc4231_case2) {
  BOOST_TEST(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")) ==
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_empty_key) {
  BOOST_TEST(HexEncode(HmacSha256("", "")) ==
             "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

BOOST_AUTO_TEST_CASE(md5_hex) {
  BOOST_TEST(Md5Hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  BOOST_TEST(Md5Hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
}

BOOST_AUTO_TEST_CASE(hex_round_trip_and_invalid) {
  const std::string raw("\x00\x01\xab\xff", 4);
  BOOST_TEST(HexEncode(raw) == "0001abff");
  BOOST_TEST(HexDecode("0001ABff").value() == raw);
  BOOST_TEST(HexDecode("").value().empty());
  BOOST_TEST(!HexDecode("abc").has_value());  // odd length
  BOOST_TEST(!HexDecode("zz").has_value());
  BOOST_TEST(!HexDecode("0g").has_value());
}

BOOST_AUTO_TEST_CASE(base64_rfc4648_vectors) {
  const std::pair<const char*, const char*> cases[] = {{"", ""},
                                                       {"f", "Zg=="},
                                                       {"fo", "Zm8="},
                                                       {"foo", "Zm9v"},
                                                       {"foob", "Zm9vYg=="},
                                                       {"fooba", "Zm9vYmE="},
                                                       {"foobar", "Zm9vYmFy"}};
  for (const auto& [raw, enc] : cases) {
    BOOST_TEST(Base64Encode(raw) == enc);
    BOOST_TEST(Base64Decode(enc).value() == raw);
  }
}

BOOST_AUTO_TEST_CASE(base64_binary_round_trip) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n <= all.size(); n += 7) {
    const std::string raw = all.substr(0, n);
    BOOST_TEST(Base64Decode(Base64Encode(raw)).value() == raw);
    BOOST_TEST(Base64UrlDecode(Base64UrlEncode(raw)).value() == raw);
  }
}

BOOST_AUTO_TEST_CASE(base64_rejects_invalid) {
  BOOST_TEST(!Base64Decode("Zm9").has_value());     // length not a multiple of 4
  BOOST_TEST(!Base64Decode("Zm9v\n").has_value());  // whitespace
  BOOST_TEST(!Base64Decode("Zm*v").has_value());    // bad character
  BOOST_TEST(!Base64Decode("Z===").has_value());    // too much padding
  BOOST_TEST(!Base64Decode("Zg=a").has_value());    // padding in the middle
  BOOST_TEST(!Base64Decode("Zm9-").has_value());    // url alphabet in standard
  BOOST_TEST(!Base64Decode("Zh==").has_value());    // non-zero trailing bits
}

BOOST_AUTO_TEST_CASE(base64url_alphabet_and_invalid) {
  const std::string raw("\xfb\xff", 2);
  BOOST_TEST(Base64Encode(raw) == "+/8=");
  BOOST_TEST(Base64UrlEncode(raw) == "-_8");
  BOOST_TEST(Base64UrlDecode("-_8").value() == raw);
  BOOST_TEST(!Base64UrlDecode("+/8").has_value());    // standard alphabet
  BOOST_TEST(!Base64UrlDecode("-_8=").has_value());   // padding not allowed
  BOOST_TEST(!Base64UrlDecode("Zm9vY").has_value());  // impossible length (4n+1)
  BOOST_TEST(!Base64UrlDecode("ab.c").has_value());
  BOOST_TEST(!Base64UrlDecode("-_9").has_value());  // non-zero trailing bits
  BOOST_TEST(Base64UrlDecode("").value().empty());
}

BOOST_AUTO_TEST_CASE(random_bytes_and_token) {
  BOOST_TEST(RandomBytes(0).empty());
  BOOST_TEST(RandomBytes(32).size() == 32u);
  BOOST_TEST(RandomBytes(32) != RandomBytes(32));
  const std::string tok = RandomToken();
  BOOST_TEST(tok.size() == 32u);  // 24 bytes -> 32 base64url chars
  BOOST_TEST(Base64UrlDecode(tok).value().size() == 24u);
  BOOST_TEST(RandomToken(16) != RandomToken(16));
}

BOOST_AUTO_TEST_CASE(constant_time_equals) {
  BOOST_TEST(ConstantTimeEquals("", ""));
  BOOST_TEST(ConstantTimeEquals("abc", "abc"));
  BOOST_TEST(!ConstantTimeEquals("abc", "abd"));
  BOOST_TEST(!ConstantTimeEquals("abc", "ab"));
  BOOST_TEST(!ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

// GCM spec (McGrew & Viega) test cases 13, 14 and 16: AES-256.
BOOST_AUTO_TEST_CASE(aes_gcm_known_vectors) {
  const std::string zero_key(32, '\0');
  const std::string zero_iv(12, '\0');
  BOOST_TEST(HexEncode(AesGcmEncrypt(zero_key, zero_iv, "", "").value()) ==
             "530f8afbc74536b9a963b4f1c4cb738b");
  BOOST_TEST(HexEncode(AesGcmEncrypt(zero_key, zero_iv, std::string(16, '\0'), "").value()) ==
             "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
  BOOST_TEST(
      AesGcmDecrypt(zero_key, zero_iv,
                    Unhex("cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"), "")
          .value() == std::string(16, '\0'));

  const std::string key = Unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const std::string iv = Unhex("cafebabefacedbaddecaf888");
  const std::string pt = Unhex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  const std::string aad = Unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const std::string expected =
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
      "76fc6ece0f4e1768cddf8853bb2d551b";
  BOOST_TEST(HexEncode(AesGcmEncrypt(key, iv, pt, aad).value()) == expected);
  BOOST_TEST(AesGcmDecrypt(key, iv, Unhex(expected), aad).value() == pt);
}

BOOST_AUTO_TEST_CASE(aes_gcm_rejects_tampering) {
  const std::string key = RandomBytes(32);
  const std::string iv = RandomBytes(12);
  const std::string ct = AesGcmEncrypt(key, iv, "13800138000", "aad").value();
  BOOST_TEST(AesGcmDecrypt(key, iv, ct, "aad").value() == "13800138000");

  std::string bad_tag = ct;
  bad_tag.back() ^= 0x01;
  BOOST_TEST(!AesGcmDecrypt(key, iv, bad_tag, "aad").has_value());
  std::string bad_ct = ct;
  bad_ct.front() ^= 0x01;
  BOOST_TEST(!AesGcmDecrypt(key, iv, bad_ct, "aad").has_value());
  BOOST_TEST(!AesGcmDecrypt(key, iv, ct, "other").has_value());
  BOOST_TEST(!AesGcmDecrypt(key, iv, ct, "").has_value());
  BOOST_TEST(!AesGcmDecrypt(RandomBytes(32), iv, ct, "aad").has_value());
  BOOST_TEST(!AesGcmDecrypt(key, RandomBytes(12), ct, "aad").has_value());
  BOOST_TEST(!AesGcmDecrypt(key, iv, ct.substr(0, ct.size() - 1), "aad").has_value());
  BOOST_TEST(!AesGcmDecrypt(key, iv, ct.substr(0, 15), "aad").has_value());
  BOOST_TEST(!AesGcmDecrypt(key, iv, "", "aad").has_value());
  BOOST_TEST(!AesGcmDecrypt(key.substr(0, 16), iv, ct, "aad").has_value());  // wrong key size
  BOOST_TEST(!AesGcmEncrypt(key.substr(0, 31), iv, "x", "").has_value());
  BOOST_TEST(!AesGcmEncrypt(key, "", "x", "").has_value());
}

// WeChat-style nonce: 12 ASCII chars used directly as the IV; other IV lengths work too.
BOOST_AUTO_TEST_CASE(aes_gcm_non_default_iv_length) {
  const std::string key(32, 'k');
  for (const std::string& iv : {std::string("abcdefghijkl"), std::string(16, 'n')}) {
    const std::string ct = AesGcmEncrypt(key, iv, "payload", "transaction").value();
    BOOST_TEST(AesGcmDecrypt(key, iv, ct, "transaction").value() == "payload");
  }
}

// NIST SP 800-38A F.2.1 first block; PKCS#7 appends one full padding block.
BOOST_AUTO_TEST_CASE(aes128_cbc_known_vector) {
  const std::string key = Unhex("2b7e151628aed2a6abf7158809cf4f3c");
  const std::string iv = Unhex("000102030405060708090a0b0c0d0e0f");
  const std::string pt = Unhex("6bc1bee22e409f96e93d7e117393172a");
  const std::string ct = Aes128CbcEncrypt(key, iv, pt).value();
  BOOST_TEST(ct.size() == 32u);
  BOOST_TEST(HexEncode(ct.substr(0, 16)) == "7649abac8119b246cee98e9b12e9197d");
  BOOST_TEST(Aes128CbcDecrypt(key, iv, ct).value() == pt);
}

BOOST_AUTO_TEST_CASE(aes128_cbc_round_trip) {
  const std::string key = RandomBytes(16);
  const std::string iv = RandomBytes(16);
  for (size_t n : {0u, 1u, 15u, 16u, 17u, 100u}) {
    const std::string pt(n, 'x');
    const std::string ct = Aes128CbcEncrypt(key, iv, pt).value();
    BOOST_TEST(ct.size() == (n / 16 + 1) * 16);
    BOOST_TEST(Aes128CbcDecrypt(key, iv, ct).value() == pt);
  }
}

BOOST_AUTO_TEST_CASE(aes128_cbc_bad_padding_and_sizes) {
  const std::string key = RandomBytes(16);
  const std::string iv = RandomBytes(16);
  // A block whose last plaintext byte is 0x00 (or > 16) is never valid PKCS#7; encrypting
  // it and dropping the padding block yields exactly such a ciphertext.
  for (char last : {'\x00', '\x11'}) {
    std::string block(15, 'a');
    block += last;
    const std::string ct = Aes128CbcEncrypt(key, iv, block).value().substr(0, 16);
    BOOST_TEST(!Aes128CbcDecrypt(key, iv, ct).has_value());
  }
  // Inconsistent padding bytes: "...\x02\x03" claims 2 bytes of padding but they differ.
  std::string block(14, 'a');
  block += "\x03\x02";
  BOOST_TEST(!Aes128CbcDecrypt(key, iv, Aes128CbcEncrypt(key, iv, block).value().substr(0, 16))
                  .has_value());

  const std::string ct = Aes128CbcEncrypt(key, iv, "hello").value();
  BOOST_TEST(!Aes128CbcDecrypt(key, iv, "").has_value());
  BOOST_TEST(!Aes128CbcDecrypt(key, iv, ct.substr(0, 15)).has_value());
  BOOST_TEST(!Aes128CbcDecrypt(key.substr(0, 15), iv, ct).has_value());
  BOOST_TEST(!Aes128CbcDecrypt(key, iv.substr(0, 12), ct).has_value());
  BOOST_TEST(!Aes128CbcEncrypt(RandomBytes(32), iv, "x").has_value());
}

BOOST_AUTO_TEST_CASE(field_cipher_round_trip_and_format) {
  const FieldCipher fc(RandomBytes(32), RandomBytes(32));
  const std::string stored = fc.Encrypt("13800138000");
  BOOST_TEST(stored.rfind("v1:", 0) == 0u);
  // 12-byte iv + 11-byte ciphertext + 16-byte tag.
  BOOST_TEST(Base64Decode(stored.substr(3)).value().size() == 12u + 11u + 16u);
  BOOST_TEST(fc.Decrypt(stored).value() == "13800138000");
  BOOST_TEST(fc.Decrypt(fc.Encrypt("")).value() == "");
}

BOOST_AUTO_TEST_CASE(field_cipher_randomized) {
  const FieldCipher fc(RandomBytes(32), RandomBytes(32));
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) seen.insert(fc.Encrypt("13800138000"));
  BOOST_TEST(seen.size() == 20u);
}

BOOST_AUTO_TEST_CASE(field_cipher_rejects_tampering) {
  const std::string enc_key = RandomBytes(32);
  const FieldCipher fc(enc_key, RandomBytes(32));
  const std::string stored = fc.Encrypt("13800138000");
  std::string blob = Base64Decode(stored.substr(3)).value();
  for (size_t pos : {size_t{0}, size_t{12}, blob.size() - 1}) {  // iv, ciphertext, tag
    std::string t = blob;
    t[pos] ^= 0x01;
    BOOST_TEST(!fc.Decrypt("v1:" + Base64Encode(t)).has_value());
  }
  BOOST_TEST(!fc.Decrypt("v2:" + stored.substr(3)).has_value());
  BOOST_TEST(!fc.Decrypt(stored.substr(3)).has_value());
  BOOST_TEST(!fc.Decrypt("v1:").has_value());
  BOOST_TEST(!fc.Decrypt("v1:!!!!").has_value());
  BOOST_TEST(!fc.Decrypt("").has_value());
  BOOST_TEST(!fc.Decrypt("v1:" + Base64Encode(blob.substr(0, 27))).has_value());
  const FieldCipher other(RandomBytes(32), RandomBytes(32));
  BOOST_TEST(!other.Decrypt(stored).has_value());
  // The index key plays no part in decryption.
  BOOST_TEST(FieldCipher(enc_key, RandomBytes(32)).Decrypt(stored).value() == "13800138000");
}

BOOST_AUTO_TEST_CASE(field_cipher_blind_index) {
  const std::string index_key = RandomBytes(32);
  const FieldCipher a(RandomBytes(32), index_key);
  const FieldCipher b(RandomBytes(32), index_key);
  const std::string idx = a.BlindIndex("13800138000");
  BOOST_TEST(idx.size() == 64u);
  BOOST_TEST(idx == a.BlindIndex("13800138000"));
  BOOST_TEST(idx == b.BlindIndex("13800138000"));  // independent of the encryption key
  BOOST_TEST(idx == HexEncode(HmacSha256(index_key, "13800138000")));
  BOOST_TEST(idx != a.BlindIndex("13800138001"));
  BOOST_TEST(idx != FieldCipher(RandomBytes(32), RandomBytes(32)).BlindIndex("13800138000"));
}

BOOST_AUTO_TEST_CASE(field_cipher_rejects_bad_keys) {
  BOOST_CHECK_THROW(FieldCipher(RandomBytes(16), RandomBytes(32)), std::invalid_argument);
  BOOST_CHECK_THROW(FieldCipher(RandomBytes(32), ""), std::invalid_argument);
}
