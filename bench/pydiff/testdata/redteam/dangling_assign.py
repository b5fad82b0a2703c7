X = 
y = 1
