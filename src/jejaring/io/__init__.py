"""Reading and writing files: territories, bundles, exports."""
