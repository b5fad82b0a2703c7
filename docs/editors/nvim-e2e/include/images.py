"""Images of the Neovim end-to-end project: dag.py imports one."""
ETL = "acme/etl:latest"
