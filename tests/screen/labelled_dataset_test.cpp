#include "screen/labelled_dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/error.hpp"
#include "common/file.hpp"
#include "screen/zip_archive.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/temp_dir.hpp"

namespace prismaflow::screen {
namespace {

std::filesystem::path data() { return test::source_dir() / "tests/data/screen/ranking"; }

TEST(LabelledDataset, LoadsCsvWithLabelColumnFoundByName) {
  const LabelledDataset ds = load_labelled_dataset(data() / "labelled.csv");
  EXPECT_EQ(ds.name, "labelled");
  EXPECT_EQ(ds.label_column, "label_included");
  ASSERT_EQ(ds.records.size(), 3u);
  EXPECT_EQ(ds.records[0].id, "1");
  EXPECT_TRUE(ds.records[0].included);
  EXPECT_EQ(ds.records[0].document().title, "Statins in heart failure");
  EXPECT_EQ(ds.records[0].document().body, "A randomised trial of statins, in adults. cardiology");
  EXPECT_FALSE(ds.records[2].included);  // "no"
  EXPECT_EQ(ds.records[2].abstract, "Knockout mice, \"in vivo\"");
  EXPECT_EQ(ds.n_included(), 1u);
}

TEST(LabelledDataset, LabelColumnCanBeNamedAndMustExist) {
  const std::string csv = "title,abstract,tiab,final\nA,b,1,0\nC,d,0,0\n";
  EXPECT_EQ(parse_labelled_csv(csv, "x.csv", "tiab").n_included(), 1u);
  EXPECT_EQ(parse_labelled_csv(csv, "x.csv", "final").n_included(), 0u);
  EXPECT_THROW_MSG(parse_labelled_csv(csv, "x.csv"), InputError, "x.csv:1: no label column");
  EXPECT_THROW_MSG(parse_labelled_csv(csv, "x.csv", "nope"), InputError, "nope");
}

TEST(LabelledDataset, UnreadableLabelNamesFileAndLine) {
  EXPECT_THROW_MSG(load_labelled_dataset(data() / "bad_label.csv"), InputError,
                   "bad_label.csv:3: label 'maybe' in column included is not 0 or 1");
}

TEST(LabelledDataset, RebuildsAbstractFromInvertedIndex) {
  EXPECT_EQ(rebuild_abstract({{"mortality", {2, 5}}, {"Statins", {0}}, {"reduce", {1}},
                              {"and", {3}}, {"lower", {4}}}),
            "Statins reduce mortality and lower mortality");
  EXPECT_EQ(rebuild_abstract({}), "");
}

TEST(LabelledDataset, LoadsSynergyFolderWithZippedOpenAlexWorks) {
  const LabelledDataset ds = load_labelled_dataset(data() / "synergy_tiny");
  EXPECT_EQ(ds.name, "synergy_tiny");
  ASSERT_EQ(ds.records.size(), 3u);
  EXPECT_EQ(ds.records[0].id, "https://openalex.org/W1");
  EXPECT_EQ(ds.records[0].title, "Statins for heart failure");
  EXPECT_EQ(ds.records[0].abstract, "Statins reduce mortality and lower mortality");
  EXPECT_TRUE(ds.records[0].included);
  EXPECT_EQ(ds.records[1].title, "");  // null title and abstract
  EXPECT_EQ(ds.records[1].abstract, "");
  EXPECT_EQ(ds.records[2].abstract, "Birds sing");
  // The labels file itself works too.
  EXPECT_EQ(load_labelled_dataset(data() / "synergy_tiny/labels.csv").records.size(), 3u);
}

TEST(LabelledDataset, SynergyWorkMissingFromTheZipNamesTheLine) {
  test::TempDir dir;
  std::filesystem::copy(data() / "synergy_tiny/works_1.zip", dir / "works_1.zip");
  test::write_text(dir / "labels.csv",
                   "openalex_id,label_included\nhttps://openalex.org/W1,1\nhttps://openalex.org/W9,0\n");
  EXPECT_THROW_MSG(load_labelled_dataset(dir.path()), InputError,
                   "labels.csv:3: work https://openalex.org/W9 is not in the works_*.zip");
}

TEST(ZipArchive, CorruptOrTruncatedArchivesAreRefused) {
  std::string zip = read_file(data() / "synergy_tiny/works_1.zip");
  EXPECT_EQ(read_zip(zip, "w.zip").size(), 1u);
  EXPECT_THROW_MSG(read_zip("not a zip at all, just text....", "w.zip"), InputError,
                   "w.zip: not a ZIP archive");
  std::string flipped = zip;
  flipped[60] = static_cast<char>(flipped[60] ^ 0x55);  // inside the deflated member
  EXPECT_THROW(read_zip(flipped, "w.zip"), InputError);
  EXPECT_THROW(read_zip(zip.substr(0, zip.size() - 30), "w.zip"), InputError);
}

TEST(LabelledDataset, SharedSetsLoadWithTheirPublishedCounts) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  const auto base = shared / "benchmarks/screening";
  const LabelledDataset ace = load_labelled_dataset(base / "ferdinands2023_asreview/ace.csv");
  EXPECT_EQ(ace.records.size(), 2235u);
  EXPECT_EQ(ace.n_included(), 41u);
  const LabelledDataset oud = load_labelled_dataset(base / "synergy_v1/Oud_2018");
  EXPECT_EQ(oud.records.size(), 952u);
  EXPECT_EQ(oud.n_included(), 20u);
  const auto with_abstract = std::count_if(oud.records.begin(), oud.records.end(),
                                           [](const auto& r) { return !r.abstract.empty(); });
  EXPECT_EQ(with_abstract, 952 - 15);  // datasets_summary.csv: 15 missing abstracts
}

}  // namespace
}  // namespace prismaflow::screen
