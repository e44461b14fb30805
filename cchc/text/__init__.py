"""Foundation text layer shared by every stage: Vietnamese cleaning, folding, legacy encodings.

It imports nothing else of ``cchc``, so ``extract``, ``normalize`` and ``output`` may all use it.
"""
