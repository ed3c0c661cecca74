"""The Hugging Face reference that attnmap is held to: golden outputs for the C++ tests."""
