window.cncaCompare = {"pieces":1};
