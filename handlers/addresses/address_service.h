// Business rules of the shipping addresses (api.md "Addresses"):
//  - at most 20 addresses per user (4005 address_limit);
//  - exactly one default while the user has any address: the first address is
//    the default whatever it asks; making one the default clears the previous
//    one; deleting the default promotes the newest remaining address; asking to
//    un-default the default address is refused (4005 invalid_state: make
//    another one the default instead);
//  - someone else's address is 4003, like a missing one.
// Every write runs in one transaction holding the user's row lock, so
// concurrent requests of one user see each other's results (two parallel "make
// me default" calls leave exactly one default).
// Phones are stored encrypted (crypto::FieldCipher) with a blind index and are
// returned in full to the owner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "db/db.h"
#include "handlers/addresses/address_repo.h"

namespace rz::addresses {

constexpr int64_t kMaxAddresses = 20;

// Validated request fields in plain text; for an update unset fields are kept.
struct AddressInput {
  std::optional<std::string> name, phone, province, city, district, detail;
  std::optional<bool> is_default;
};

// An address as the owner sees it (phone decrypted).
struct Address {
  int64_t id = 0;
  std::string name, phone, province, city, district, detail;
  bool is_default = false;
};

class AddressService {
 public:
  AddressService(Db& db, const crypto::FieldCipher& cipher) : db_(db), cipher_(cipher) {}

  std::vector<Address> List(int64_t user_id);
  // Every field of `in` but is_default must be set.
  Address Create(int64_t user_id, const AddressInput& in);
  Address Update(int64_t user_id, int64_t id, const AddressInput& in);
  void Delete(int64_t user_id, int64_t id);

 private:
  AddressFields Encrypt(const AddressInput& in) const;
  Address Decrypt(const AddressRow& row) const;

  Db& db_;
  const crypto::FieldCipher& cipher_;
  AddressRepo repo_;
};

}  // namespace rz::addresses
