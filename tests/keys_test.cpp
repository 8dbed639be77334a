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

// --- keys, key files and checkpoints refused in Chinese, for county staff (Error::chinese) ----

namespace {

template <typename F>
std::string zh(F&& f) {
  const Error error = test::error_of(std::forward<F>(f));
  INFO(error.what());
  CHECK_FALSE(error.chinese().empty());
  return error.chinese();
}

}  // namespace

TEST_CASE("Chinese: malformed keys say which form a key takes") {
  const Signer signer = test_key("county", 2);
  const std::string vkey = signer.verifier().text();
  CHECK_THAT(zh([&] { Verifier::parse("county"); }),
             Catch::Contains("不是“密钥名+密钥编号+base64”格式的密钥（verifier key：“county”）"));
  CHECK_THAT(zh([&] { Verifier::parse(signer.text()); }),
             Catch::Contains("这是签名用的私钥，不是公钥：请给公钥（.pub 文件）"));
  const std::string wrong_id = "county+00000000+" + vkey.substr(vkey.rfind('+') + 1);
  CHECK_THAT(zh([&] { Verifier::parse(wrong_id); }), Catch::Contains("密钥编号与密钥名和公钥不符"));
  CHECK_THAT(zh([&] { Signer::parse(vkey); }),
             Catch::Contains("签名私钥以 PRIVATE+KEY+ 开头：这不是私钥"));
  // A file in a signer key's place is not echoed, not even its start (it may be a secret).
  const std::string identity_file =
      "97eca082fd9b5c1e0d2f4a6b8c0e1f3a5b7d9e1f3a5c7e9b1d3f5a7c9e1b3d5f";
  const Error not_a_signer = test::error_of([&] { Signer::parse(identity_file); });
  CHECK(std::string(not_a_signer.what()).find("97eca0") == std::string::npos);
  CHECK(not_a_signer.chinese().find("97eca0") == std::string::npos);
  CHECK_THAT(zh([&] { Signer::generate("has space"); }),
             Catch::Contains("密钥名不能含空格、“+”或控制字符（key name：“has space”）"));
  CHECK_THAT(zh([&] { Signer::generate(""); }), Catch::Contains("密钥名须为 1 至 256 字节"));
  CHECK_THAT(zh([&] { Verifier::from_public_key("county", Bytes(31, 7)); }),
             Catch::Contains("Ed25519 公钥须为 32 字节（public key：“31 bytes”）"));
}

TEST_CASE("Chinese: key files that others can read, that are missing or already there") {
  ScratchDir dir;
  const Signer signer = Signer::generate("county");
  const std::string path = dir.file("county.key");
  signer.save(path);
  CHECK_THAT(zh([&] { signer.save(path); }), Catch::Contains("“" + path + "”已存在，不会覆盖"));
  ::chmod(path.c_str(), 0640);
  const std::string text = zh([&] { Signer::load(path); });
  CHECK_THAT(text, Catch::Contains("签名私钥文件“" + path + "”其他用户也能读取（权限 0640）"));
  CHECK_THAT(text, Catch::Contains("chmod 600 " + path));
  CHECK_THAT(zh([&] { Signer::load(dir.file("missing.key")); }),
             Catch::Contains("找不到签名私钥文件“" + dir.file("missing.key") + "”"));
  CHECK_THAT(zh([&] { Verifier::load(dir.file("missing.pub")); }),
             Catch::Contains("无法读取密钥文件“" + dir.file("missing.pub") + "”"));
}

TEST_CASE("Chinese: a damaged secret key is refused without a byte of the secret") {
  const Signer signer = test_key("taizhang.example/520122", 42);
  const std::string text = signer.text();
  const std::string secret = text.substr(text.rfind('+') + 1);
  const std::string bad = text.substr(0, text.size() - 5) + "*" + text.substr(text.size() - 4);
  const std::string message = zh([&] { Signer::parse(bad); });
  CHECK_THAT(message, Catch::Contains("不是“PRIVATE+KEY+密钥名+密钥编号+base64”格式的签名私钥"));
  CHECK_THAT(message, Catch::Contains("（signer key：“(not shown: it is secret)”）"));
  for (std::size_t i = 0; i + 8 <= secret.size(); ++i) {
    CHECK(message.find(secret.substr(i, 8)) == std::string::npos);
  }
}

TEST_CASE("Chinese: checkpoints by another key, altered, or not signed notes at all") {
  const Signer signer = test_key("taizhang.example/520122", 3);
  const Checkpoint head{"taizhang.example/520122", 42, merkle::leaf_hash(as_bytes("x"))};
  const std::string note = sign_checkpoint(head, signer);
  const Signer other = test_key("taizhang.example/520122", 4);
  const std::string trusted = "taizhang.example/520122+" + other.verifier().text().substr(24, 8);
  CHECK_THAT(zh([&] { open_checkpoint(note, other.verifier()); }),
             Catch::Contains("检查点不是用受信任的密钥“" + trusted + "”签署的"));
  std::string tampered = note;
  tampered.replace(tampered.find("\n42\n"), 4, "\n43\n");
  CHECK_THAT(zh([&] { open_checkpoint(tampered, signer.verifier()); }),
             Catch::Contains("“taizhang.example/520122”在检查点上的签名核验不通过"));
  CHECK_THAT(zh([&] { open_checkpoint(note.substr(0, note.size() - 1), signer.verifier()); }),
             Catch::Contains("签名检查点须以换行结尾"));
  CHECK_THAT(zh([&] { open_checkpoint("x\t" + note, signer.verifier()); }),
             Catch::Contains("签名检查点中有控制字符"));
  CHECK_THAT(zh([&] { open_checkpoint(note.substr(0, note.find("\n\n") + 1), signer.verifier()); }),
             Catch::Contains("检查点没有签名部分"));
  CHECK_THAT(zh([&] { open_checkpoint("a\n1\nAAAA\n\n- county AAAA\n", signer.verifier()); }),
             Catch::Contains("签名行须以破折号“—”开头（checkpoint signature：“- county AAAA”）"));
  CHECK_THAT(zh([&] {
               sign_checkpoint({"", 1, head.root}, signer);
             }),
             Catch::Contains("检查点的 origin 是空的"));
  const Checkpoint leading_zero{"taizhang.example/520122", 7, head.root};
  std::string zero_size = sign_checkpoint(leading_zero, signer);
  zero_size.replace(zero_size.find("\n7\n"), 3, "\n07\n");
  // Re-signed so the signature holds and the size line is what is refused.
  const std::string body = zero_size.substr(0, zero_size.find("\n\n") + 1);
  const Signature signature = signer.sign(as_bytes(body));
  const std::uint32_t id = signer.verifier().key_id();
  Bytes blob = {static_cast<std::uint8_t>(id >> 24), static_cast<std::uint8_t>(id >> 16),
                static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id)};
  blob.insert(blob.end(), signature.begin(), signature.end());
  const std::string resigned =
      body + "\n\xE2\x80\x94 " + signer.name() + " " + to_base64(blob) + "\n";
  CHECK_THAT(zh([&] { open_checkpoint(resigned, signer.verifier()); }),
             Catch::Contains("检查点的记录数不是十进制整数（checkpoint tree size：“07”）"));
}
