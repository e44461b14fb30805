"""The warehouse: records stored in DuckDB or PostgreSQL, followed across reports, queried, exported.

:mod:`.tables` declares the tables, :mod:`.rows` turns records into rows, :mod:`.engines`
holds the two SQL engines, :mod:`.store` is :class:`~cchc.warehouse.store.Warehouse` (load,
read, the public SQL methods), :mod:`.threads` follows a shortcoming across reports,
:mod:`.queries` answers the analysts' questions about those threads, and :mod:`.export`
writes Parquet and Excel.  pandas is imported only where a DataFrame is the product.
"""
