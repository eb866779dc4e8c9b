print("bieu")
