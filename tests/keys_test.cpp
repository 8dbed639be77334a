// Ed25519 keys in signed-note form, key files, and checkpoints.
#include "taizhang/keys.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "taizhang/checkpoint.h"
#include "taizhang/error.h"
#include "taizhang/merkle.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using test::ScratchDir;
using test::test_key;

TEST_CASE("key texts round-trip and carry the signed-note key id") {
  const Signer signer = test_key("taizhang.example/520122", 1);
  const std::string vkey = signer.verifier().text();
  CHECK(vkey.starts_with("taizhang.example/520122+"));
  const Verifier parsed = Verifier::parse(vkey);
  CHECK(parsed.public_key() == signer.verifier().public_key());
  CHECK(parsed.key_id() == signer.verifier().key_id());
  const Signer reparsed = Signer::parse(signer.text());
  CHECK(reparsed.verifier().text() == vkey);
  const Signature signature = signer.sign(as_bytes("hello"));
  CHECK(parsed.verify(as_bytes("hello"), signature));
  CHECK_FALSE(parsed.verify(as_bytes("hellO"), signature));
  CHECK_FALSE(parsed.verify(as_bytes("hello"), ByteView(signature).first(63)));
}

TEST_CASE("malformed keys are refused by name") {
  const Signer signer = test_key("county", 2);
  std::string vkey = signer.verifier().text();
  for (const std::string& bad :
       {std::string("county"), std::string("county+1234"), std::string("a b+00000000+AQ=="),
        "county+00000000+" + vkey.substr(vkey.rfind('+') + 1),  // wrong key id
        vkey + "+extra", signer.text()}) {
    INFO(bad);
    CHECK_THROWS_AS(Verifier::parse(bad), Error);
  }
  CHECK_THROWS_AS(Signer::parse(vkey), Error);
  CHECK_THROWS_AS(Signer::generate("has space"), Error);
  CHECK_THROWS_AS(Signer::generate("has+plus"), Error);
}

TEST_CASE("signer key files are private, and refused when others can read them") {
  ScratchDir dir;
  const Signer signer = Signer::generate("county");
  const std::string path = dir.file("county.key");
  signer.save(path);
  struct stat status;
  REQUIRE(::stat(path.c_str(), &status) == 0);
  CHECK((status.st_mode & 0777) == 0600);
  CHECK(Signer::load(path).verifier().text() == signer.verifier().text());
  // Never overwritten.
  try {
    signer.save(path);
    FAIL("overwrote a key file");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kConflict);
  }
  ::chmod(path.c_str(), 0640);
  try {
    Signer::load(path);
    FAIL("loaded a group-readable key");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kUnauthorized);
    CHECK_THAT(error.what(), Catch::Contains("0640"));
  }
  try {
    Signer::load(dir.file("missing.key"));
    FAIL("loaded a missing key");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::kNotFound);
  }
}

TEST_CASE("checkpoints are C2SP signed notes that only the right key opens") {
  const Signer signer = test_key("taizhang.example/520122", 3);
  const Checkpoint head{"taizhang.example/520122", 42, merkle::leaf_hash(as_bytes("x"))};
  const std::string note = sign_checkpoint(head, signer);
  // origin, size, base64 root, blank line, em-dash signature line.
  CHECK(note.starts_with("taizhang.example/520122\n42\n" + to_base64(head.root) +
                         "\n\n\xE2\x80\x94 "));
  CHECK(open_checkpoint(note, signer.verifier()) == head);

  SECTION("another key is refused") {
    const Signer other = test_key("taizhang.example/520122", 4);
    try {
      open_checkpoint(note, other.verifier());
      FAIL("opened with a foreign key");
    } catch (const Error& error) {
      CHECK(error.kind() == ErrorKind::kIntegrityError);
    }
    const std::string forged = sign_checkpoint(head, other);
    CHECK_THROWS_AS(open_checkpoint(forged, signer.verifier()), Error);
  }
  SECTION("any change of the body breaks the signature") {
    std::string tampered = note;
    tampered.replace(tampered.find("\n42\n"), 4, "\n43\n");
    try {
      open_checkpoint(tampered, signer.verifier());
      FAIL("opened a tampered note");
    } catch (const Error& error) {
      CHECK(error.kind() == ErrorKind::kIntegrityError);
    }
  }
  SECTION("malformed notes are refused") {
    for (const std::string& bad :
         {std::string(""), note.substr(0, note.size() - 1), note.substr(0, note.find("\n\n") + 1),
          std::string("a\n1\nAAAA\n\n- county AAAA\n"), "x\t" + note,
          // A valid note with a malformed line after its signature (found by fuzz_checkpoint).
          note + "p`5e/1\n"}) {
      INFO(bad);
      CHECK_THROWS_AS(open_checkpoint(bad, signer.verifier()), Error);
    }
  }
}

TEST_CASE("a malformed secret key file is refused without a byte of the secret in the message") {
  ScratchDir dir;
  const Signer signer = test_key("taizhang.example/520122", 42);
  const std::string text = signer.text();
  const std::string secret = text.substr(text.rfind('+') + 1);  // base64 of the seed
  // One stray character at every position of the secret part, and a truncated copy.
  for (std::size_t at = text.size() - secret.size(); at < text.size(); at += 7) {
    for (const std::string& bad :
         {text.substr(0, at) + "*" + text.substr(at + 1), text.substr(0, at), text + "!"}) {
      try {
        Signer::parse(bad);
        FAIL("parsed a damaged key");
      } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::kInvalidInput);
        const std::string message = error.what();
        for (std::size_t i = 0; i + 8 <= secret.size(); ++i) {
          INFO(message);
          CHECK(message.find(secret.substr(i, 8)) == std::string::npos);
        }
      }
    }
  }
  // The identity key file: 64 hex digits, one of them wrong.
  const std::string path = dir.file("identity.key");
  const std::string hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeZ";
  write_new_file(path, hex + "\n", 0600);
  try {
    IdentityKey::load(path);
    FAIL("loaded a damaged identity key");
  } catch (const Error& error) {
    const std::string message = error.what();
    CHECK(error.kind() == ErrorKind::kInvalidInput);
    CHECK(message.find("0123456789abcdef") == std::string::npos);
    CHECK_THAT(message, Catch::Contains("64 hex digits"));
  }
}
