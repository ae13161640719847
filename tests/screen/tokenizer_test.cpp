#include "screen/tokenizer.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

// "2019" and the "19" of COVID-19 are numbers: dropped.
TEST(Tokenizer, FoldsCaseAndAccentsDropsStopWordsNumbersAndSingleLetters) {
  EXPECT_EQ(tokenize("The Effect of Café-au-lait on 2019 COVID-19 in a Cohort!"),
            (std::vector<std::string>{"effect", "cafe", "au", "lait", "covid", "cohort"}));
}

// scikit-learn's default vectorizer keeps stop words and numbers (ASReview 0.9 features).
TEST(Tokenizer, OptionsKeepStopWordsAndNumbers) {
  EXPECT_EQ(tokenize("The Effect of Café on 2019 COVID-19 in a Cohort!", {false, false}),
            (std::vector<std::string>{"the", "effect", "of", "cafe", "on", "2019", "covid", "19",
                                      "in", "cohort"}));
  EXPECT_EQ(tokenize("The 2019 cohort", {true, false}),
            (std::vector<std::string>{"2019", "cohort"}));
}

TEST(Tokenizer, EmptyAndPunctuationOnlyGiveNoTokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize(" -- ; ... ").empty());
}

TEST(Tokenizer, InvalidUtf8IsASeparatorNotAnError) {
  EXPECT_EQ(tokenize("heart\xff" "failure"), (std::vector<std::string>{"heart", "failure"}));
}

TEST(Tokenizer, StopWordsAreRecognised) {
  EXPECT_TRUE(is_stop_word("the"));
  EXPECT_TRUE(is_stop_word("whether"));
  EXPECT_FALSE(is_stop_word("statin"));
}

TEST(Tokenizer, NgramsAreAppendedAfterTheWords) {
  std::vector<std::string> t{"heart", "failure", "trial"};
  add_ngrams(t, 3);
  EXPECT_EQ(t, (std::vector<std::string>{"heart", "failure", "trial", "heart failure",
                                         "failure trial", "heart failure trial"}));
  std::vector<std::string> one{"alone"};
  add_ngrams(one, 2);
  EXPECT_EQ(one.size(), 1u);
}

}  // namespace
}  // namespace prismaflow::screen
