// Package: nanoFramework.Runtime.Events 1.11.37 (assembly nanoFramework.Runtime.Events)
// Reference API only. The board application references this package (System.IO.Ports and System.Device.Gpio
// deliver their events through it) but names none of its types, so this reference assembly is empty: a type of
// nanoframework/nanoFramework.Runtime.Events (tag v1.11.37) named in our code must first be added here with its
// real signature. README.md beside.
