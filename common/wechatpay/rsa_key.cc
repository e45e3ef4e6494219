// RsaKey over OpenSSL 3 EVP: PEM loading, PKCS#1 v1.5 SHA-256 sign and verify.
#include "wechatpay/rsa_key.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "crypto/crypto.h"

namespace rz::wechatpay {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr MemBio(const std::string& pem) {
  BioPtr b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!b) throw std::runtime_error("out of memory");
  return b;
}

}  // namespace

void RsaKey::Free::operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }

std::string ReadFileOrThrow(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RsaKey RsaKey::PrivateFromPem(const std::string& pem) {
  BioPtr b = MemBio(pem);
  EVP_PKEY* k = PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr);
  if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA) {
    EVP_PKEY_free(k);
    throw std::runtime_error("not an RSA private key in PEM form");
  }
  RsaKey r(true);
  r.key_.reset(k, Free());
  return r;
}

RsaKey RsaKey::PublicFromPem(const std::string& pem) {
  EVP_PKEY* k = nullptr;
  if (pem.find("BEGIN CERTIFICATE") != std::string::npos) {
    BioPtr b = MemBio(pem);
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(b.get(), nullptr, nullptr, nullptr));
    if (cert) k = X509_get_pubkey(cert.get());
  } else {
    BioPtr b = MemBio(pem);
    k = PEM_read_bio_PUBKEY(b.get(), nullptr, nullptr, nullptr);
  }
  if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA) {
    EVP_PKEY_free(k);
    throw std::runtime_error("not an RSA certificate or public key in PEM form");
  }
  RsaKey r(false);
  r.key_.reset(k, Free());
  return r;
}

RsaKey RsaKey::PrivateFromFile(const std::string& path) {
  try {
    return PrivateFromPem(ReadFileOrThrow(path));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

RsaKey RsaKey::PublicFromFile(const std::string& path) {
  try {
    return PublicFromPem(ReadFileOrThrow(path));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

RsaKey RsaKey::Generate(int bits) {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nullptr));
  EVP_PKEY* k = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
      EVP_PKEY_keygen(ctx.get(), &k) != 1) {
    throw std::runtime_error("RSA key generation failed");
  }
  RsaKey r(true);
  r.key_.reset(k, Free());
  return r;
}

std::string RsaKey::PublicPem() const {
  BioPtr b(BIO_new(BIO_s_mem()));
  if (!b || PEM_write_bio_PUBKEY(b.get(), key_.get()) != 1) {
    throw std::runtime_error("cannot write public key");
  }
  char* data = nullptr;
  long n = BIO_get_mem_data(b.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string RsaKey::SignBase64(const std::string& message) const {
  if (!private_) throw std::logic_error("signing needs a private key");
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("RSA sign failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    throw std::runtime_error("RSA sign failed");
  }
  sig.resize(len);
  return crypto::Base64Encode(sig);
}

bool RsaKey::VerifyBase64(const std::string& message, const std::string& signature_b64) const {
  std::optional<std::string> sig = crypto::Base64Decode(signature_b64);
  if (!sig || sig->empty()) return false;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()),
                          sig->size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

}  // namespace rz::wechatpay
