// The tool's version, kept equal to package.json by a test (reading package.json
// at run time would depend on where the build puts it).
export const VERSION = "0.1.0";
