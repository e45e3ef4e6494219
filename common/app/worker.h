// The life of a worker process in one call: parse the command line, load the
// config, open logging, create the storage pools, build the area's route
// table, serve FastCGI until SIGTERM, drain, exit 0.
//
//   int main(int argc, char** argv) {
//     return rz::RunWorker(argc, argv, "catalog", catalog::BuildRoutes);
//   }
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cache/redis.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "http/router.h"

namespace rz {

// What an area's routes and services are built from. Pools connect lazily.
struct WorkerContext {
  std::string area;
  Config config;
  std::unique_ptr<Db> db;
  std::unique_ptr<Redis> redis;
  std::unique_ptr<crypto::FieldCipher> cipher;  // personal-data encryption
};

// Builds the WorkerContext from a config (also used by tests and tools).
std::unique_ptr<WorkerContext> MakeWorkerContext(const std::string& area, const Config& cfg);

using RoutesFactory = std::function<Router(WorkerContext&)>;

int RunWorker(int argc, char** argv, const std::string& area, RoutesFactory routes);

}  // namespace rz
