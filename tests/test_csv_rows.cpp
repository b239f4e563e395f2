#include <catch2/catch.hpp>

#include "exporters/csv_rows.hpp"
#include "helpers.hpp"

using namespace signalkg;
using namespace signalkg::test;

TEST_CASE("Neo4j CSV rows: the first row makes the header, later rows must match it") {
    TempDir dir;
    CsvFile file;
    file.name = "node_X.csv";
    file.out = std::make_unique<BufferedFile>(dir.path() / file.name);
    std::string scratch;
    Row(file, scratch).text("id", "ID(X)", "a").number("n", "int", 1).end();
    Row(file, scratch).text("id", "ID(X)", "b;c").number("n", "int", 2).end();
    // A column renamed, retyped, missing or added in a later row is a writer's bug: it throws.
    CHECK_THROWS_WITH(Row(file, scratch).text("key", "ID(X)", "d"),
                      Catch::Contains("node_X.csv: row 3 has column 'key:ID(X)'"));
    CHECK_THROWS_AS(Row(file, scratch).text("id", "ID(X)", "d").number("n", "float", 1.5),
                    std::logic_error);
    CHECK_THROWS_WITH(Row(file, scratch).text("id", "ID(X)", "d").end(),
                      Catch::Contains("has 1 fields, the header 2"));
    CHECK_THROWS_AS(
        Row(file, scratch).text("id", "ID(X)", "d").number("n", "int", 3).text("x", "", "y"),
        std::logic_error);
    file.out->commit();
    CHECK(read_file(dir.path() / "node_X.csv") == "id:ID(X),n:int\na,1\n\"b;c\",2\n");
}
