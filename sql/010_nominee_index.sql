-- A nominee's earlier nominations (one achievement is rewarded once; awards of thematic or sudden
-- rounds are not grounds for higher merit awards): looked up by nominee within a province.
CREATE INDEX nominations_nominee ON nominations (province_code, nominee_key, award);
