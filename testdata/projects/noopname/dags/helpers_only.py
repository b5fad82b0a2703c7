from helpers import RETRIES

# A project module with no operator: parsed, nothing to report.
print(RETRIES)
