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

}  // namespace
}  // namespace prismaflow::screen
