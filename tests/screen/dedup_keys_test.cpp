#include "screen/dedup_keys.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

TEST(DedupKeysTest, MedlineAnnotationsAreNotPartOfTheTitle) {
  DedupInput in;
  in.title = "Dynamics of HPV16 DNA load [Erratum appears in J Clin Virol. 2006 Oct;37(2):137]";
  in.pages = "Suppl";
  DedupKey k = make_dedup_key(in);
  EXPECT_EQ(k.title, "dynamics of hpv16 dna load");
  EXPECT_FALSE(k.notice);
  EXPECT_EQ(k.first_page, "");
  in.title = "Findings to date from the ALTS. [Review] [23 refs]";
  EXPECT_EQ(make_dedup_key(in).title, "findings to date from the alts");
  in.title = "Erratum: Dynamics of HPV16 DNA load";
  EXPECT_TRUE(make_dedup_key(in).notice);
}

TEST(DedupKeysTest, NormalisesEveryField) {
  DedupInput in;
  in.id = 7;
  in.doi = "https://doi.org/10.1093/EurHeartJ/ehx502";
  in.title = "SGLT2 Inhibition: a <b>Trial</b>";
  in.authors = "Adingupu D. D.Gronros J.Behrendt M.";
  in.journal = "The Lancet";
  in.volume = "38 (Supplement 1)";
  in.pages = "0893-0900";
  in.year = 2017;
  DedupKey k = make_dedup_key(in);
  EXPECT_EQ(k.doi, "10.1093/eurheartj/ehx502");
  EXPECT_EQ(k.title, "sglt2 inhibition a trial");
  EXPECT_EQ(k.title_words, 4);
  EXPECT_EQ(k.first_author, "adingupu");
  EXPECT_EQ(k.authors, "adingupu gronros behrendt");
  EXPECT_EQ(k.journal, "lancet");
  EXPECT_EQ(k.volume, "38");
  EXPECT_EQ(k.first_page, "893");
  EXPECT_FALSE(k.notice);
}

TEST(DedupKeysTest, NaValuesAndNoticesAreRecognised) {
  DedupInput in;
  in.doi = "NA";
  in.title = "Erratum: aspirin trial";
  DedupKey k = make_dedup_key(in);
  EXPECT_TRUE(k.doi.empty());
  EXPECT_TRUE(k.notice);
}

// Issue, volume and page forms seen in the labelled sets' Embase, MEDLINE and
// Web of Science exports, table-driven.
TEST(DedupKeysTest, IssueVolumeAndPageForms) {
  struct Case {
    const char *issue, *volume, *pages, *key_issue, *key_volume, *first, *last;
  };
  const Case cases[] = {
      {"5", "14", "703-712", "5", "14", "703", "712"},
      {"05", "14", "1297-306", "5", "14", "1297", "1306"},      // MEDLINE's shortened range
      {"21 SUPPL. 1", "124", "NA", "21", "124", "", ""},         // a supplement to issue 21
      {"SUPPL. 1", "1)", "e24", "s1", "", "e24", ""},             // Embase's split "59 (SUPPL. 1)"
      {"Supplement 2", "65", "S67", "s2", "65", "s67", ""},
      {"3-4", "9 (no pagination)", "\"63-71, vi\"", "3", "9", "63", "71"},  // quotes around the field
      {"Suppl", "", "iii--xi", "", "", "", ""},                    // no numbers at all
  };
  for (const auto& c : cases) {
    DedupInput in;
    in.issue = c.issue;
    in.volume = c.volume;
    in.pages = c.pages;
    DedupKey k = make_dedup_key(in);
    EXPECT_EQ(k.issue, c.key_issue) << c.issue;
    EXPECT_EQ(k.volume, c.key_volume) << c.volume;
    EXPECT_EQ(k.first_page, c.first) << c.pages;
    EXPECT_EQ(k.last_page, c.last) << c.pages;
  }
}

TEST(DedupKeysTest, RecurringFrontMatterIsRecognised) {
  DedupInput in;
  for (const char* title : {"Editorial", "Remarks from MIS Quarterly Editor - Editor's Comments",
                            "Introduction to the Minitrack on Crowdsourcing and Digital Workforce"}) {
    in.title = title;
    EXPECT_TRUE(make_dedup_key(in).front_matter) << title;
  }
  in.title = "Aspirin for the primary prevention of cardiovascular events";
  EXPECT_FALSE(make_dedup_key(in).front_matter);
}

}  // namespace
}  // namespace prismaflow::screen
