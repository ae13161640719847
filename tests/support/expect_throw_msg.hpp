// EXPECT_THROW_MSG(statement, ExceptionType, "substring"): the statement
// throws that type and the message contains the substring.
#pragma once

#include <gtest/gtest.h>

#include <string>

#define EXPECT_THROW_MSG(statement, type, substring)                                 \
  do {                                                                               \
    try {                                                                            \
      statement;                                                                     \
      ADD_FAILURE() << "expected " #type " from: " #statement;                       \
    } catch (const type& e) {                                                        \
      EXPECT_NE(std::string(e.what()).find(substring), std::string::npos)            \
          << "message was: " << e.what();                                            \
    }                                                                                \
  } while (0)
