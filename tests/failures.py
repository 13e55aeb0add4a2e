#!/usr/bin/env python3
"""Prints each failed test of the given TRX files: its name, then the first lines of its message.

tests/run.sh calls it last before the total, so a CI log read from its tail says which tests failed and why.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
LINES = 3
WIDTH = 240

for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        print(f"{path}: unreadable results: {error}")
        continue
    for result in root.iterfind(".//t:UnitTestResult[@outcome='Failed']", NS):
        print(f"FAILED {result.get('testName')}")
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NS)
        lines = [line.strip() for line in message.splitlines() if line.strip()]
        for line in lines[:LINES]:
            print(f"    {line[:WIDTH]}")
